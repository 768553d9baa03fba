using System.Collections.Concurrent;
using Dropout.MLNet.Network;

namespace Dropout.MLNet.Tests.Network;

/// <summary>A fit's thread team runs every part of each piece of work once, on threads of its own, and passes failures back.</summary>
[TestClass]
public sealed class ThreadTeamTests
{
    [TestMethod]
    public void Run_CallsEveryPartOnce_EachOnItsOwnThread_AndReturnsAfterAll()
    {
        using var team = new ThreadTeam(3);
        for (int round = 0; round < 50; round++)
        {
            var parts = new ConcurrentBag<(int Part, int Thread)>();
            team.Run(part =>
            {
                Thread.SpinWait(1000 * part);
                parts.Add((part, Environment.CurrentManagedThreadId));
            });

            CollectionAssert.AreEquivalent(new[] { 0, 1, 2 }, parts.Select(p => p.Part).ToArray(), $"round {round}");
            Assert.AreEqual(3, parts.Select(p => p.Thread).Distinct().Count());
            Assert.AreEqual(Environment.CurrentManagedThreadId, parts.Single(p => p.Part == 0).Thread, "part 0 runs on the caller");
        }
    }

    [TestMethod]
    public void Run_RethrowsAMembersFailure_AndTheTeamWorksOn()
    {
        using var team = new ThreadTeam(2);
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => team.Run(part =>
        {
            if (part == 1)
            {
                throw new InvalidOperationException("part 1 failed");
            }
        }));
        Assert.AreEqual("part 1 failed", error.Message);

        int total = 0;
        team.Run(part => Interlocked.Add(ref total, part + 1));
        Assert.AreEqual(3, total);
    }

    [TestMethod]
    public void ATeamOfOne_RunsOnTheCallingThread()
    {
        using var team = new ThreadTeam(1);
        int thread = -1;
        team.Run(part => thread = Environment.CurrentManagedThreadId);
        Assert.AreEqual(Environment.CurrentManagedThreadId, thread);
    }
}
