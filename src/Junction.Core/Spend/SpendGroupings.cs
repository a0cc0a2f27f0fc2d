namespace Junction.Spend;

/// <summary>The groupings of <c>/admin/spend?by=</c> and <c>junction spend --by</c>.</summary>
public static class SpendGroupings
{
    public const string Key = "key";
    public const string Team = "team";
    public const string User = "user";
    public const string Model = "model";
    public const string Provider = "provider";
    public const string Deployment = "deployment";
    public const string Day = "day";
    public const string TagPrefix = "tag:";

    public static readonly IReadOnlyList<string> All = [Key, Team, User, Model, Provider, Deployment, Day, TagPrefix + "<name>"];

    /// <summary>Whether <paramref name="by"/> is a known grouping (a tag needs a name).</summary>
    public static bool IsValid(string? by) => by is Key or Team or User or Model or Provider or Deployment or Day
        || (by is not null && by.StartsWith(TagPrefix, StringComparison.Ordinal) && by.Length > TagPrefix.Length && by.Length <= TagPrefix.Length + 64);
}
