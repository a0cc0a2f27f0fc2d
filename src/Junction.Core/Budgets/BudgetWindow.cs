namespace Junction.Budgets;

/// <summary>A budget counter: a scope in one period window (start in Unix seconds; 0 for <c>total</c>).</summary>
public readonly record struct BudgetWindow(string Scope, long Start);
