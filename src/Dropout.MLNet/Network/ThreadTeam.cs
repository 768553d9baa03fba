using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Dropout.MLNet.Network;

/// <summary>
/// A fixed team of threads for one fit that runs an action on every part of a piece of work and returns when all parts
/// are done: part 0 on the calling thread, the others on threads of the team's own, made once. A training step shares
/// each matrix product and the optimizer's update this way, pieces of 100–500 µs that a thread-pool task did not speed up
/// (a sleeping pool thread woke too late to take its half), so an idle member spins for a while
/// (<see cref="SpinBeforeSleeping"/>, longer than the serial parts of a step) before it sleeps.
/// </summary>
internal sealed class ThreadTeam : IDisposable
{
    private static readonly long SpinBeforeSleeping = Stopwatch.Frequency / 2000;
    private readonly Thread[] _members;
    private readonly object _gate = new();
    private Action<int>? _body;
    private int _generation;
    private int _pending;
    private volatile bool _stopping;
    private Exception? _failure;

    /// <param name="parts">How many parts each <see cref="Run"/> has, the calling thread's included; 1 makes no threads.</param>
    public ThreadTeam(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        Parts = parts;
        _members = new Thread[parts - 1];
        for (int i = 0; i < _members.Length; i++)
        {
            int part = i + 1;
            _members[i] = new Thread(() => Work(part)) { IsBackground = true, Name = $"Dropout.MLNet training part {part}" };
            _members[i].Start();
        }
    }

    /// <summary>The number of parts, the calling thread's included.</summary>
    public int Parts { get; }

    /// <summary>Runs <paramref name="body"/>(part) for every part at once and waits for all; rethrows the first failure.</summary>
    public void Run(Action<int> body)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (_members.Length == 0)
        {
            body(0);
            return;
        }

        _body = body;
        Volatile.Write(ref _pending, _members.Length);
        lock (_gate)
        {
            _generation++;
            Monitor.PulseAll(_gate);
        }

        try
        {
            body(0);
        }
        finally
        {
            var spinner = default(SpinWait);
            while (Volatile.Read(ref _pending) > 0)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        if (Interlocked.Exchange(ref _failure, null) is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        foreach (var member in _members)
        {
            member.Join();
        }
    }

    private void Work(int part)
    {
        int seen = 0;
        while (WaitForWork(ref seen))
        {
            try
            {
                _body!(part);
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref _failure, exception, null);
            }

            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>Waits for the next <see cref="Run"/> after <paramref name="seen"/>: spinning first, then asleep; false when disposed.</summary>
    private bool WaitForWork(ref int seen)
    {
        long started = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref _generation) == seen && !_stopping)
        {
            if (Stopwatch.GetTimestamp() - started < SpinBeforeSleeping)
            {
                Thread.SpinWait(20);
                continue;
            }

            lock (_gate)
            {
                while (_generation == seen && !_stopping)
                {
                    Monitor.Wait(_gate);
                }
            }
        }

        seen = Volatile.Read(ref _generation);
        return !_stopping;
    }
}
