namespace Junction.Server.Tests;

public class Smoke
{
    [Fact]
    public void Runs() => Assert.True(true.ToString().Length > 0);
}
