namespace Junction.Spend;

/// <summary>Counts the tokens of a text for a model, to estimate the usage of a stream whose upstream reported none.</summary>
public interface ITokenCounter
{
    int CountTokens(string model, string text);
}
