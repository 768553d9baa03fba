using System.Buffers;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Dropout.MLNet.Network;

/// <summary>
/// A fixed team of threads for one fit that runs the parts of a piece of work and returns when all are done: the calling
/// thread and the team's own threads (made once) each take the next part not yet taken until none is left. A training step
/// shares each matrix product and the optimizer's update this way, pieces of 100–500 µs that a thread-pool task did not
/// speed up (a sleeping pool thread woke too late to take its half), so an idle member spins for a while
/// (<see cref="SpinBeforeSleeping"/>, longer than the serial parts of a step) before it sleeps, yielding its core now and
/// then to whatever else is ready (the runtime's tiered compiler, the garbage collector). A member the system has not
/// scheduled in time costs nothing but its share: the caller takes the parts nobody took.
/// </summary>
internal sealed class ThreadTeam : IDisposable
{
    private static readonly long SpinBeforeSleeping = Stopwatch.Frequency / 2000;
    private readonly Thread[] _members;
    private readonly object _gate = new();
    private Action<int>? _body;

    /// <summary>The current work's generation (bits 32–63), number of parts (16–31) and parts taken so far (0–15).</summary>
    private long _claims;
    private int _unfinished;
    private volatile bool _stopping;
    private Exception? _failure;

    /// <param name="threads">How many threads work on each <see cref="Run"/>, the calling thread included; 1 makes no threads.</param>
    public ThreadTeam(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Buffers = ArrayPool<float>.Create(Array.MaxLength, threads + 1);
        _members = new Thread[threads - 1];
        for (int i = 0; i < _members.Length; i++)
        {
            _members[i] = new Thread(Work) { IsBackground = true, Name = $"Dropout.MLNet training thread {i + 1}" };
            _members[i].Start();
        }
    }

    /// <summary>
    /// The fit's scratch arrays (the products' packed panels): reused from step to step, and let go with the team at the
    /// fit's end. The shared pool kept them for the life of the process: a fit on 60,000 features left 135 MB in it.
    /// </summary>
    public ArrayPool<float> Buffers { get; }

    /// <summary>The number of threads, the calling thread's included.</summary>
    public int Threads => _members.Length + 1;

    /// <summary>
    /// Runs <paramref name="body"/>(part) for parts 0 to <paramref name="parts"/> − 1, each once, on whichever thread of
    /// the team takes it first, and waits for all; rethrows the first failure.
    /// </summary>
    public void Run(int parts, Action<int> body)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parts, ushort.MaxValue);
        if (_members.Length == 0 || parts == 1)
        {
            for (int part = 0; part < parts; part++)
            {
                body(part);
            }

            return;
        }

        _body = body;
        Volatile.Write(ref _unfinished, parts);
        int generation = Generation + 1;
        Volatile.Write(ref _claims, ((long)generation << 32) | ((long)parts << 16));
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }

        RunParts(generation);
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _unfinished) > 0)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
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

    /// <summary>The current work's generation: how many pieces of work <see cref="Run"/> has shared.</summary>
    private int Generation => (int)(Volatile.Read(ref _claims) >> 32);

    private void Work()
    {
        int seen = 0;
        while (WaitForWork(ref seen))
        {
            RunParts(seen);
        }
    }

    /// <summary>Takes and runs parts of <paramref name="generation"/>'s work until none is left.</summary>
    private void RunParts(int generation)
    {
        while (TryTake(generation, out int part))
        {
            try
            {
                _body!(part);
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref _failure, exception, null);
            }
            finally
            {
                Interlocked.Decrement(ref _unfinished);
            }
        }
    }

    /// <summary>
    /// Takes the next part of <paramref name="generation"/>'s work, if that work is still the current one and has parts
    /// left. The generation, the number of parts and the parts taken are one word, changed by one compare-and-swap, so a
    /// thread that comes late never takes a part of the next piece of work while it finishes the one it woke for.
    /// </summary>
    private bool TryTake(int generation, out int part)
    {
        long claims = Volatile.Read(ref _claims);
        while ((int)(claims >> 32) == generation && (claims & 0xFFFF) < ((claims >> 16) & 0xFFFF))
        {
            long found = Interlocked.CompareExchange(ref _claims, claims + 1, claims);
            if (found == claims)
            {
                part = (int)(claims & 0xFFFF);
                return true;
            }

            claims = found;
        }

        part = -1;
        return false;
    }

    /// <summary>Waits for the next <see cref="Run"/> after <paramref name="seen"/>: spinning first, then asleep; false when disposed.</summary>
    private bool WaitForWork(ref int seen)
    {
        long started = Stopwatch.GetTimestamp();
        int spins = 0;
        while (Generation == seen && !_stopping)
        {
            if (Stopwatch.GetTimestamp() - started < SpinBeforeSleeping)
            {
                if (++spins % 8 == 0)
                {
                    Thread.Yield();
                }
                else
                {
                    Thread.SpinWait(20);
                }

                continue;
            }

            lock (_gate)
            {
                while (Generation == seen && !_stopping)
                {
                    Monitor.Wait(_gate);
                }
            }
        }

        seen = Generation;
        return !_stopping;
    }
}
