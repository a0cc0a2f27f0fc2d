using System.Text.RegularExpressions;

namespace Junction.Migration;

/// <summary>
/// Redacts recorded prompts and answers before they reach a file. Rules (<c>recording.redact</c>): <c>emails</c> →
/// <c>[email]</c>; <c>keys</c> → <c>[key]</c> (OpenAI/Junction <c>sk-</c> keys, AWS access key ids, bearer tokens, and any
/// 32+ character run of letters, digits, <c>-_</c> that looks like a secret); <c>digits</c> → every digit becomes
/// <c>#</c> (phone numbers, card numbers, ids), applied last.
/// </summary>
public sealed partial class Redactor
{
    public const string Emails = "emails";
    public const string Keys = "keys";
    public const string Digits = "digits";
    public static readonly IReadOnlyList<string> All = [Emails, Keys, Digits];

    private readonly bool _emails;
    private readonly bool _keys;
    private readonly bool _digits;

    public Redactor(IEnumerable<string> rules)
    {
        var set = rules.ToHashSet(StringComparer.Ordinal);
        _emails = set.Contains(Emails);
        _keys = set.Contains(Keys);
        _digits = set.Contains(Digits);
    }

    public bool IsEmpty => !_emails && !_keys && !_digits;

    public string Redact(string text)
    {
        if (_keys)
        {
            text = KeyPattern().Replace(text, "[key]");
        }

        if (_emails)
        {
            text = EmailPattern().Replace(text, "[email]");
        }

        if (_digits)
        {
            text = DigitPattern().Replace(text, "#");
        }

        return text;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b(?:sk-[A-Za-z0-9_\-]{8,}|AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}|Bearer\s+[A-Za-z0-9._\-]{8,}|[A-Za-z0-9_\-]{32,})", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"\d", RegexOptions.CultureInvariant)]
    private static partial Regex DigitPattern();
}
