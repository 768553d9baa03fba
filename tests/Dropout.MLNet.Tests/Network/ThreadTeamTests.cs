using System.Collections.Concurrent;
using Dropout.MLNet.Network;

namespace Dropout.MLNet.Tests.Network;

/// <summary>
/// A fit's thread team runs every part of each piece of work exactly once, on the caller and its own threads, never a part
/// of one piece of work for another, and passes failures back.
/// </summary>
[TestClass]
public sealed class ThreadTeamTests
{
    [TestMethod]
    public void Run_CallsEveryPartOnce_AndReturnsAfterAll()
    {
        using var team = new ThreadTeam(3);
        var threads = new ConcurrentDictionary<int, bool>();
        for (int round = 0; round < 20; round++)
        {
            var calls = new int[3];
            team.Run(3, part =>
            {
                Thread.Sleep(2);
                threads[Environment.CurrentManagedThreadId] = true;
                Interlocked.Increment(ref calls[part]);
            });

            CollectionAssert.AreEqual(new[] { 1, 1, 1 }, calls, $"round {round}");
        }

        Assert.IsGreaterThan(1, threads.Count, "the team's own threads take parts");
    }

    [TestMethod]
    public void ManyRunsOfDifferentSizes_NeverMixTheirParts()
    {
        using var team = new ThreadTeam(2);
        for (int round = 0; round < 20000; round++)
        {
            int parts = 1 + (round % 5);
            var calls = new int[parts];
            team.Run(parts, part => Interlocked.Increment(ref calls[part]));
            Assert.IsTrue(calls.All(c => c == 1), $"round {round}: calls {string.Join(",", calls)}");
        }
    }

    [TestMethod]
    public void WhileOneThreadIsHeldInAPart_TheOtherTakesEveryOtherPart()
    {
        using var team = new ThreadTeam(2);
        using var othersDone = new CountdownEvent(7);
        var calls = new int[8];
        team.Run(8, part =>
        {
            if (part == 0)
            {
                Assert.IsTrue(othersDone.Wait(TimeSpan.FromSeconds(30)), "parts 1-7 were left to the held thread");
            }
            else
            {
                othersDone.Signal();
            }

            Interlocked.Increment(ref calls[part]);
        });

        CollectionAssert.AreEqual(Enumerable.Repeat(1, 8).ToArray(), calls);
    }

    [TestMethod]
    public void Run_RethrowsAFailure_AndTheTeamWorksOn()
    {
        using var team = new ThreadTeam(2);
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => team.Run(2, part =>
        {
            if (part == 1)
            {
                throw new InvalidOperationException("part 1 failed");
            }
        }));
        Assert.AreEqual("part 1 failed", error.Message);

        int total = 0;
        team.Run(2, part => Interlocked.Add(ref total, part + 1));
        Assert.AreEqual(3, total);
    }

    [TestMethod]
    public void ATeamOfOne_RunsEveryPartOnTheCallingThread()
    {
        using var team = new ThreadTeam(1);
        var threads = new List<int>();
        team.Run(3, part => threads.Add(Environment.CurrentManagedThreadId));
        CollectionAssert.AreEqual(Enumerable.Repeat(Environment.CurrentManagedThreadId, 3).ToArray(), threads);
    }
}
