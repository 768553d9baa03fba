using System.Globalization;
using System.Text.Json;

namespace Dropout.MLNet.Sweeps;

/// <summary>
/// A sweep's trials on disk, one JSON line per trial written as the trial ends (so a sweep killed in the middle of a
/// trial loses only that trial): its hyperparameters with their types, status, metric, loss, epochs, time, error, and the
/// best validation loss after each epoch of the fold the pruner judged, from which the pruner's decisions are replayed.
/// Beside it, one line per proposal, written when the tuner proposes: the trial's number and how many trials had ended
/// by then, so that a resumed sweep replays proposals and ends to the tuner in the order they happened, also when
/// trials ran several at once.
/// </summary>
internal sealed class SweepCheckpoint
{
    private const string FileName = "trials.jsonl";
    private const string ProposalsFileName = "proposals.jsonl";
    private readonly string _path;
    private readonly string _proposalsPath;

    private readonly Action<string> _warn;

    /// <param name="folder">The checkpoint folder (created if missing).</param>
    /// <param name="warn">Told of each torn last line ignored.</param>
    public SweepCheckpoint(string folder, Action<string> warn)
    {
        Directory.CreateDirectory(folder);
        _path = Path.Combine(folder, FileName);
        _proposalsPath = Path.Combine(folder, ProposalsFileName);
        _warn = warn;
    }

    /// <summary>Each proposal written so far: the trial's number and the number of trials ended before it (none for a new folder).</summary>
    /// <exception cref="InvalidDataException">A line other than the last cannot be read; it names the file and the line.</exception>
    public IReadOnlyList<(int TrialId, int EndedBefore)> LoadProposals() =>
        [.. JsonLines.Read<Proposal>(_proposalsPath, "sweep checkpoint's proposals", _warn).Select(p => (p.TrialId, p.EndedBefore))];

    /// <summary>Appends one proposal.</summary>
    public void AppendProposal(int trialId, int endedBefore) =>
        File.AppendAllText(_proposalsPath, JsonSerializer.Serialize(new Proposal(trialId, endedBefore)) + "\n");

    private sealed record Proposal(int TrialId, int EndedBefore);

    /// <summary>The trials written so far, in order (none for a new folder).</summary>
    /// <exception cref="InvalidDataException">A line cannot be read; it names the file and the line.</exception>
    public IReadOnlyList<(TrialResult Trial, IReadOnlyList<double> JudgedLosses)> Load() =>
        [.. JsonLines.Read<Record>(_path, "sweep checkpoint", _warn).Select(r => (r.ToTrial(), (IReadOnlyList<double>)r.JudgedLosses))];

    /// <summary>Appends one finished trial.</summary>
    public void Append(TrialResult trial, IReadOnlyList<double> judgedLosses) =>
        File.AppendAllText(_path, JsonSerializer.Serialize(Record.Of(trial, judgedLosses)) + "\n");

    private sealed record Record(int TrialId, Dictionary<string, TypedValue> Parameter, TrialStatus Status, string Metric, string Loss, int EpochsRun,
        double DurationSeconds, string? Error, double[] JudgedLosses)
    {
        public static Record Of(TrialResult trial, IReadOnlyList<double> judgedLosses) => new(
            trial.TrialId,
            TypedValue.Of(trial.Parameter),
            trial.Status, TypedValue.Format(trial.Metric), TypedValue.Format(trial.Loss), trial.EpochsRun, trial.Duration.TotalSeconds, trial.Error?.Message, [.. judgedLosses]);

        public TrialResult ToTrial()
        {
            return new TrialResult(TrialId, TypedValue.Read(Parameter), Status, double.Parse(Metric, CultureInfo.InvariantCulture),
                double.Parse(Loss, CultureInfo.InvariantCulture), EpochsRun, TimeSpan.FromSeconds(DurationSeconds))
            {
                Error = Error is null ? null : new InvalidOperationException(Error),
            };
        }
    }
}
