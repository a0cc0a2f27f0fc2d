namespace Junction.TestKit;

internal static class Marker;
