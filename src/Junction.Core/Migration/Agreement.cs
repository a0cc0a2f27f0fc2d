namespace Junction.Migration;

/// <summary>An agreement rate and the number of pairs it was computed over.</summary>
public sealed record Agreement(double Rate, int Pairs);
