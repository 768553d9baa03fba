using System.Diagnostics;
using Microsoft.ML;
using Dropout.MLNet.Tasks;

namespace Dropout.MLNet.Sweeps;

/// <summary>
/// A sweep over the hyperparameters of the DropoutMlp trainer inside an ML.NET pipeline, configured as AutoML's
/// <c>AutoMLExperiment</c> is: pipeline, data, metric, budget, tuner; then <see cref="Run"/>. Every check (a pipeline
/// without the trainer, a metric that does not fit the task, an empty range, no budget) happens before any training.
/// </summary>
/// <example>
/// <code>
/// var pipeline = mlContext.Transforms.Concatenate("Features", columns)
///     .Append(mlContext.Transforms.Conversion.MapValueToKey("Label"))
///     .Append(mlContext.MulticlassClassification.Trainers.DropoutMlp(new DropoutMlpMulticlassTrainer.Options()));
/// var result = mlContext.DropoutMlpSweeps().CreateExperiment()
///     .SetPipeline(pipeline)
///     .SetDataset(data, fold: 5)
///     .SetMetric(SweepMetric.MacroAccuracy)
///     .SetMaxTrials(20)
///     .Run();
/// </code>
/// </example>
public sealed class DropoutMlpExperiment
{
    private readonly MLContext _mlContext;
    private IEstimator<ITransformer>? _pipeline;
    private IDataView? _schemaSource;
    private Func<string?, EvaluationSplits>? _splits;
    private SweepMetric? _metric;
    private SearchSpace? _searchSpace;
    private int? _maxTrials;
    private uint? _seconds;
    private Func<int, ITuner> _tuner = seed => new SmacTuner(seed);
    private TunerRecipe _tunerRecipe = new("smac", 4);
    private bool _tunerEnds;
    private SweepExecutor? _executor;
    private AshaPruner? _pruner;
    private int _seed;
    private bool _refit;
    private Action<TrialResult>? _progress;
    private ISweepMonitor? _monitor;
    private SweepCheckpoint? _checkpoint;
    private int _parallelTrials = 1;
    private long? _memoryCeiling;

    internal DropoutMlpExperiment(MLContext mlContext, int seed)
    {
        _mlContext = mlContext;
        _seed = seed;
    }

    /// <summary>The pipeline to sweep: any estimator chain with one DropoutMlp trainer (featurization before it, key mapping after it).</summary>
    /// <param name="pipeline">The pipeline; the trainer's options are the starting point and its search space's defaults.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetPipeline(IEstimator<ITransformer> pipeline)
    {
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        return this;
    }

    /// <summary>Evaluates every trial on a given test set (trained on the training set).</summary>
    /// <param name="train">The training data.</param>
    /// <param name="test">The evaluation data.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetDataset(IDataView train, IDataView test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        _schemaSource = train;
        _splits = _ => EvaluationSplits.Given(train, test);
        return this;
    }

    /// <summary>
    /// Evaluates every trial on a holdout split of the data, stratified by the label: each class is held out in its
    /// overall proportion (within one row), so a rare class is in both parts and the metric does not swing with it.
    /// </summary>
    /// <param name="data">The data.</param>
    /// <param name="testFraction">The share held out, in (0, 1).</param>
    /// <param name="stratificationColumnName">
    /// The column to stratify by. By default the trainer's label column when the data has it; when the pipeline makes the
    /// label from another column (<c>MapValueToKey("Label", "species")</c>), name that column ("species") here, or the
    /// split is a plain random one.
    /// </param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetDataset(IDataView data, double testFraction, string? stratificationColumnName = null)
    {
        EvaluationSplits.CheckStrata(data, stratificationColumnName);
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be in (0, 1), e.g. 0.2.");
        }

        _schemaSource = data;
        _splits = label => EvaluationSplits.Holdout(_mlContext, data, testFraction, _seed, EvaluationSplits.Strata(data, stratificationColumnName, label));
        return this;
    }

    /// <summary>
    /// Evaluates every trial by k-fold cross-validation (its metric is the mean over folds), with folds stratified by the
    /// label as in <see cref="SetDataset(IDataView, double, string?)"/>; the model is refit on all the data.
    /// </summary>
    /// <param name="data">The data.</param>
    /// <param name="fold">The number of folds, from 2 to 255.</param>
    /// <param name="stratificationColumnName">The column to stratify by; see <see cref="SetDataset(IDataView, double, string?)"/>.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetDataset(IDataView data, int fold, string? stratificationColumnName = null)
    {
        EvaluationSplits.CheckStrata(data, stratificationColumnName);
        ArgumentOutOfRangeException.ThrowIfLessThan(fold, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fold, byte.MaxValue);
        _schemaSource = data;
        _splits = label => EvaluationSplits.Folds(_mlContext, data, fold, _seed, EvaluationSplits.Strata(data, stratificationColumnName, label));
        return this;
    }

    /// <summary>The metric to optimize; it must fit the trainer's task (checked when the run starts).</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetMetric(SweepMetric metric)
    {
        _metric = metric;
        return this;
    }

    /// <summary>The space to search; by default <see cref="SearchSpace.FromOptions"/> of the trainer's options.</summary>
    /// <param name="searchSpace">The space.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetSearchSpace(SearchSpace searchSpace)
    {
        _searchSpace = searchSpace ?? throw new ArgumentNullException(nameof(searchSpace));
        return this;
    }

    /// <summary>The largest number of trials.</summary>
    /// <param name="maxTrials">At least 1.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetMaxTrials(int maxTrials)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTrials, 1);
        _maxTrials = maxTrials;
        return this;
    }

    /// <summary>The wall-clock budget: no trial starts after it, and a running trial is stopped at it.</summary>
    /// <param name="seconds">At least 1.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetTrainingTimeInSeconds(uint seconds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(seconds);
        _seconds = seconds;
        return this;
    }

    /// <summary>Uses a tuner of your own.</summary>
    /// <param name="tuner">The tuner; it gets the search space with every proposal.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetTuner(ITuner tuner)
    {
        ArgumentNullException.ThrowIfNull(tuner);
        return Use(_ => tuner, ends: false, TunerRecipe.Custom);
    }

    /// <summary>Uses a <see cref="GridSearchTuner"/>: the sweep ends when the grid is done, if no budget ends it first.</summary>
    /// <param name="stepsPerRange">Values per range.</param>
    /// <param name="shuffle">Whether to visit the grid in a seeded random order.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetGridSearchTuner(int stepsPerRange = 5, bool shuffle = false) =>
        Use(seed => new GridSearchTuner(stepsPerRange, shuffle ? seed : null), ends: true, new TunerRecipe("grid", stepsPerRange, shuffle));

    /// <summary>Uses a <see cref="RandomSearchTuner"/>.</summary>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetRandomSearchTuner() => Use(seed => new RandomSearchTuner(seed), ends: false, new TunerRecipe("random"));

    /// <summary>Uses a <see cref="SmacTuner"/> (the default).</summary>
    /// <param name="initialTrials">Trials before the model is used.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetSmacTuner(int initialTrials = 4) => Use(seed => new SmacTuner(seed, initialTrials), ends: false, new TunerRecipe("smac", initialTrials));

    /// <summary>Stops poor trials early from their per-epoch validation loss (the trainer needs a validation fraction above zero).</summary>
    /// <param name="pruner">The pruner, or <see langword="null"/> for none.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetPruner(AshaPruner? pruner)
    {
        _pruner = pruner;
        return this;
    }

    /// <summary>The seed of the tuner and the data splits (the trainer's own seed is in its options); the same seed gives the same trials.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetSeed(int seed)
    {
        _seed = seed;
        return this;
    }

    /// <summary>Whether the returned model is refit with the best hyperparameters on all the data given for training (always so after cross-validation).</summary>
    /// <param name="refit">Whether to refit.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetRefitOnAllData(bool refit = true)
    {
        _refit = refit;
        return this;
    }

    /// <summary>Called after every trial, on the thread that runs the sweep.</summary>
    /// <param name="progress">The callback.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetProgress(Action<TrialResult> progress)
    {
        _progress = progress ?? throw new ArgumentNullException(nameof(progress));
        return this;
    }

    /// <summary>Reports every trial's start, epochs, end and every new best to a monitor, on the thread that runs the sweep.</summary>
    /// <param name="monitor">The monitor.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetMonitor(ISweepMonitor monitor)
    {
        _monitor = monitor ?? throw new ArgumentNullException(nameof(monitor));
        return this;
    }

    /// <summary>
    /// Writes every trial to <paramref name="folder"/> as it ends (AutoML's name for it). A sweep started again on the same
    /// folder, with the same pipeline, data, space, tuner and seed, replays the trials found there into the tuner and the
    /// pruner and goes on where it stopped, with the trials it would have run had it never stopped; a sweep killed in the
    /// middle of a trial loses only that trial. The trial budget counts the replayed trials.
    /// </summary>
    /// <param name="folder">The checkpoint folder (created if missing).</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetCheckpoint(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _checkpoint = new SweepCheckpoint(folder, SweepWarnings.To(_mlContext));
        return this;
    }

    /// <summary>
    /// Runs up to <paramref name="trials"/> trials at once, each fitting with its share of the cores (when the options leave
    /// <see cref="DropoutMlpOptionsBase.NumberOfThreads"/> open): the tuner proposes a trial whenever one ends, and the pruner
    /// judges each trial's epochs as they come. Small tabular networks train fastest on one thread each, so on n cores n
    /// trials at once use every core. With <see cref="SetCheckpoint"/>, a resumed sweep replays proposals and ends in the
    /// order they happened and runs again the trials that were running when it stopped.
    /// </summary>
    /// <param name="trials">The number of trials at once, at least 1.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetParallelTrials(int trials)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        _parallelTrials = trials;
        return this;
    }

    /// <summary>
    /// Stops a trial, as <see cref="TrialStatus.Failed"/> with the reason, when after an epoch the process's working set
    /// (libtorch's native memory included) passes <paramref name="bytes"/>; the sweep goes on with the next trial.
    /// </summary>
    /// <param name="bytes">The ceiling, in bytes; positive.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetTrialMemoryCeiling(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        _memoryCeiling = bytes;
        return this;
    }

    /// <summary>Runs the sweep on a worker thread.</summary>
    /// <param name="cancellationToken">Stops the running trial and the sweep; the trials completed so far are returned.</param>
    /// <returns>The result.</returns>
    public Task<DropoutMlpExperimentResult> RunAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() => Run(cancellationToken), CancellationToken.None);

    /// <summary>Runs the sweep.</summary>
    /// <param name="cancellationToken">Stops the running trial and the sweep; the trials completed so far are returned.</param>
    /// <returns>Every trial, the best one and its model.</returns>
    /// <exception cref="ArgumentException">The setup is incomplete or inconsistent (found before any training).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before any trial completed, or during the refit on all the data.</exception>
    /// <exception cref="InvalidOperationException">No trial completed within the budget.</exception>
    public DropoutMlpExperimentResult Run(CancellationToken cancellationToken = default)
    {
        var plan = SweepPlan.Prepare(_mlContext, _pipeline, _schemaSource, _splits, _metric, _searchSpace, _pruner,
            hasBudget: _maxTrials is not null || _seconds is not null || _tunerEnds);
        var runner = new TrialRunner(plan, _pruner, cancellationToken,
            _seconds is { } s ? DateTime.UtcNow.AddSeconds(s) : DateTime.MaxValue, _memoryCeiling);
        var tuner = _tuner(_seed);
        _pruner?.Reset();

        if (_executor is not null)
        {
            if (_checkpoint is not null || _parallelTrials > 1)
            {
                throw new InvalidOperationException(
                    "An executor runs the trials elsewhere and keeps its own state: remove SetCheckpoint and SetParallelTrials (each worker runs its trials with its own cores).");
            }

            return runner.Finish(_executor.Run(new SweepRequest(plan, _tunerRecipe, _seed, _maxTrials, _seconds, _pruner, _progress, _monitor), cancellationToken), _refit);
        }

        List<TrialResult> trials;
        try
        {
            trials = new TrialScheduler(plan, runner, tuner, _maxTrials, _progress, _monitor, SweepWarnings.To(_mlContext)).Run(_parallelTrials, _checkpoint);
        }
        catch
        {
            // A tuner that throws, a checkpoint of another sweep: the best model kept so far goes with the sweep.
            runner.ReleaseBest();
            throw;
        }

        return runner.Finish(trials, _refit);
    }

    /// <summary>
    /// Runs the trials elsewhere, for example on the worker silos of an Orleans cluster (the Dropout.MLNet.Orleans
    /// package); the checks before training, the result and the refit of the best hyperparameters stay in this process.
    /// </summary>
    /// <param name="executor">The executor.</param>
    /// <returns>This experiment.</returns>
    public DropoutMlpExperiment SetExecutor(SweepExecutor executor)
    {
        _executor = executor ?? throw new ArgumentNullException(nameof(executor));
        return this;
    }

    /// <summary>
    /// What a worker needs to run this experiment's trials as another machine's study hands them out: the checked plan
    /// (pipeline, splits, metric) and the trial memory ceiling.
    /// </summary>
    internal (SweepPlan Plan, long? MemoryCeiling) PrepareWorker() =>
        (SweepPlan.Prepare(_mlContext, _pipeline, _schemaSource, _splits, _metric, _searchSpace, _pruner, hasBudget: true), _memoryCeiling);

    private DropoutMlpExperiment Use(Func<int, ITuner> tuner, bool ends, TunerRecipe recipe)
    {
        _tuner = tuner;
        _tunerEnds = ends;
        _tunerRecipe = recipe;
        return this;
    }
}
