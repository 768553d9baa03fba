using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Dropout.MLNet.Orleans.Tests;

/// <summary>
/// The Redis server the real-store tests persist studies in: <c>DROPOUT_MLNET_TEST_REDIS</c> (host:port), else one on
/// 127.0.0.1:6379 (which <c>.ci/run</c> starts), else a private one this test process starts from Debian's
/// <c>redis-server</c> on a free port and stops at exit.
/// </summary>
internal static class RedisServer
{
    private static readonly Lazy<string> Found = new(Find);

    public static string Endpoint => Found.Value;

    /// <summary>Options for the server.</summary>
    public static ConfigurationOptions Options()
    {
        var options = ConfigurationOptions.Parse(Endpoint);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 2000;
        return options;
    }

    /// <summary>Removes what a test's study left in the server.</summary>
    public static void Delete(string study)
    {
        using var connection = ConnectionMultiplexer.Connect(Options());
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        foreach (var key in server.Keys(pattern: $"*{study}*"))
        {
            connection.GetDatabase().KeyDelete(key);
        }
    }

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("DROPOUT_MLNET_TEST_REDIS") is { Length: > 0 } given)
        {
            return Answers(given) ? given : throw new AssertFailedException($"No Redis server answers at DROPOUT_MLNET_TEST_REDIS={given}.");
        }

        if (Answers("127.0.0.1:6379"))
        {
            return "127.0.0.1:6379";
        }

        int port = FreePort();
        try
        {
            var server = Process.Start(new ProcessStartInfo("redis-server", ["--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            {
                RedirectStandardOutput = true,
                WorkingDirectory = Path.GetTempPath(),
            })!;
            server.OutputDataReceived += (_, _) => { };
            server.BeginOutputReadLine();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Kill();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new AssertFailedException(
                "The real-store tests need a Redis server: none answers at 127.0.0.1:6379 and redis-server is not installed. "
                + "Install Debian's redis-server (apt-get install redis-server; .ci/run does), or set DROPOUT_MLNET_TEST_REDIS=host:port.");
        }

        var endpoint = $"127.0.0.1:{port}";
        for (int attempt = 0; attempt < 50 && !Answers(endpoint); attempt++)
        {
            Thread.Sleep(100);
        }

        return endpoint;
    }

    private static bool Answers(string endpoint)
    {
        try
        {
            var options = ConfigurationOptions.Parse(endpoint);
            options.ConnectTimeout = 1000;
            using var probe = ConnectionMultiplexer.Connect(options);
            probe.GetDatabase().Ping();
            return true;
        }
        catch (RedisConnectionException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
