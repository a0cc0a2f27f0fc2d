namespace Junction.Server;

internal static class ServerMarker;
