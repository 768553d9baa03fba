namespace Dropout.MLNet.Sweeps;

/// <summary>
/// Replays a sweep's log into a fresh tuner (and pruner): each proposal is asked of the tuner again once as many trials
/// had ended as when it was first made, and each ended trial is replayed in the order it ended, after checking that the
/// tuner proposed the same point for it. A local checkpoint and a study grain on another machine both resume so.
/// </summary>
internal static class SweepLogReplay
{
    /// <param name="proposals">Each logged proposal: its trial number and how many trials had ended before it. A trial with
    /// no proposal line (a checkpoint written before they were) counts as proposed when the trial before it ended.</param>
    /// <param name="ended">The ended trials, in the order they ended.</param>
    /// <param name="logged">An ended trial's number and the point it was logged with.</param>
    /// <param name="propose">Asks the tuner for the next trial (numbered from 0 in order), or null when it has none.</param>
    /// <param name="replay">Replays one ended trial: the tuner's update, the pruner's epochs.</param>
    /// <param name="mismatch">The error for a trial the tuner now proposes otherwise: its number, what it proposes now, what was logged.</param>
    /// <returns>The trials proposed that never ended (they were running), in trial order.</returns>
    public static List<(int TrialId, Parameter Point)> Run<TEnded>(IReadOnlyList<(int TrialId, int EndedBefore)> proposals, IReadOnlyList<TEnded> ended,
        Func<TEnded, (int TrialId, Parameter Point)> logged, Func<Parameter?> propose, Action<TEnded> replay,
        Func<int, Parameter?, Parameter?, Exception> mismatch)
    {
        var waiting = new Queue<(int TrialId, int EndedBefore)>(proposals.OrderBy(p => p.TrialId));
        var open = new SortedDictionary<int, Parameter>();
        int next = 0;
        void ProposeUpTo(int trialId, int endedSoFar)
        {
            while (true)
            {
                bool written = waiting.Count > 0 && waiting.Peek().TrialId == next;
                if (written ? waiting.Peek().EndedBefore > endedSoFar : next > trialId)
                {
                    return;
                }

                if (written)
                {
                    waiting.Dequeue();
                }

                open[next] = propose() ?? throw mismatch(next, null, null);
                next++;
            }
        }

        for (int count = 0; count < ended.Count; count++)
        {
            var (trialId, point) = logged(ended[count]);
            ProposeUpTo(trialId, count);
            if (!open.Remove(trialId, out var proposed) || !proposed.SameAs(point))
            {
                throw mismatch(trialId, proposed, point);
            }

            replay(ended[count]);
        }

        ProposeUpTo(-1, int.MaxValue);
        return [.. open.Select(o => (o.Key, o.Value))];
    }
}
