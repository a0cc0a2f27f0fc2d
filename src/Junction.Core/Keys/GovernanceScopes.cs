namespace Junction.Keys;

/// <summary>Counter scope names shared by limiters, ledgers and the spend table: <c>key:ID</c>, <c>team:ID</c>, <c>user:ID</c>.</summary>
public static class GovernanceScopes
{
    public static string Key(string id) => "key:" + id;

    public static string Team(string id) => "team:" + id;

    public static string User(string id) => "user:" + id;
}
