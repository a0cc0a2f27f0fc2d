using System.Diagnostics;

namespace Junction.Server.Tests.Bedrock;

/// <summary>
/// Runs the real AWS clients (python3 + boto3, the AWS CLI) as child processes, authenticated with a bearer token
/// (<c>AWS_BEARER_TOKEN_BEDROCK</c>) and isolated from any AWS config on the machine. A missing tool fails the test
/// when <c>CI=true</c> and skips it otherwise, always with a message saying what is missing.
/// </summary>
internal static class AwsToolRunner
{
    public static async Task<string> RunPythonAsync(string script, string bearerToken, CancellationToken cancellationToken, params string[] args)
    {
        await RequireAsync("python3", ["-c", "import boto3, botocore"], "python3 with boto3", cancellationToken);
        return await RunAsync("python3", ["-", .. args], script, bearerToken, cancellationToken);
    }

    public static async Task<string> RunAwsCliAsync(string[] args, string bearerToken, CancellationToken cancellationToken)
    {
        await RequireAsync("aws", ["--version"], "the AWS CLI (aws)", cancellationToken);
        return await RunAsync("aws", args, null, bearerToken, cancellationToken);
    }

    private static async Task RequireAsync(string file, string[] args, string what, CancellationToken cancellationToken)
    {
        int exitCode;
        try
        {
            exitCode = (await ExecAsync(file, args, null, null, cancellationToken)).ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            exitCode = -1;
        }

        if (exitCode == 0)
        {
            return;
        }

        var message = $"{what} is needed for the Bedrock-native inbound tests and is not available on this machine.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }

    private static async Task<string> RunAsync(string file, string[] args, string? stdin, string bearerToken, CancellationToken cancellationToken)
    {
        var (exitCode, stdout, stderr) = await ExecAsync(file, args, stdin, bearerToken, cancellationToken);
        Assert.True(exitCode == 0, $"{file} exited with {exitCode}: {stderr}\n{stdout}");
        return stdout;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> ExecAsync(string file, string[] args, string? stdin, string? bearerToken,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        start.Environment["AWS_PAGER"] = "";
        if (bearerToken is not null)
        {
            start.Environment["AWS_BEARER_TOKEN_BEDROCK"] = bearerToken;
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
