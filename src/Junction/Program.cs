using Junction.Cli;

return await JunctionCli.RunAsync(args);
