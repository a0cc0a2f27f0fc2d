namespace Junction.Cli.Commands;

/// <summary>A command failed in a way the user can fix; its message is printed after <c>junction: </c>.</summary>
internal sealed class CliException(string message) : Exception(message);
