namespace Junction.Tests;

public class SmokeTests
{
    [Fact]
    public void Version_IsSemantic() => Assert.Matches(@"^\d+\.\d+\.\d+$", JunctionInfo.Version);
}
