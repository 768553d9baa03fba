using System.Globalization;
using Dropout.MLNet.Sweeps;

namespace Dropout.MLNet.Orleans;

/// <summary>The sweep's own types to and from what travels between machines: search spaces, points and trials, values to the last bit.</summary>
internal static class WireFormat
{
    public static ValueData ToData(object value)
    {
        var typed = TypedValue.Of(value);
        return new ValueData(typed.Type, typed.Text);
    }

    public static object FromData(ValueData data) => new TypedValue(data.Type, data.Text).Read();

    public static IReadOnlyDictionary<string, ValueData> ToData(Parameter point) => point.ToDictionary(p => p.Key, p => ToData(p.Value));

    public static Parameter FromData(IReadOnlyDictionary<string, ValueData> values) => new(values.Select(v => KeyValuePair.Create(v.Key, FromData(v.Value))));

    public static IReadOnlyList<SearchOptionData> ToData(SearchSpace space) => [.. space.Select(option => option.Value switch
    {
        UniformSingleOption single => new SearchOptionData
        {
            Name = option.Key, Kind = "single", Min = Text(single.Min), Max = Text(single.Max), LogBase = single.LogBase, Default = ToData(single.DefaultValue),
        },
        UniformIntOption whole => new SearchOptionData
        {
            Name = option.Key, Kind = "int", Min = Text(whole.Min), Max = Text(whole.Max), LogBase = whole.LogBase, Default = ToData(whole.DefaultValue),
        },
        ChoiceOption choice => new SearchOptionData
        {
            Name = option.Key, Kind = "choice", Default = ToData(choice.DefaultValue), Choices = [.. choice.Choices.Select(ToData)],
        },
        var other => throw new NotSupportedException($"The search option '{option.Key}' ({other.GetType().Name}) cannot travel to an Orleans study."),
    })];

    public static SearchSpace FromData(IReadOnlyList<SearchOptionData> options)
    {
        var space = new SearchSpace();
        foreach (var option in options)
        {
            space[option.Name] = option.Kind switch
            {
                "single" => new UniformSingleOption(float.Parse(option.Min, CultureInfo.InvariantCulture), float.Parse(option.Max, CultureInfo.InvariantCulture),
                    option.LogBase, (float)FromData(option.Default)),
                "int" => new UniformIntOption(int.Parse(option.Min, CultureInfo.InvariantCulture), int.Parse(option.Max, CultureInfo.InvariantCulture),
                    option.LogBase, (int)FromData(option.Default)),
                _ => new ChoiceOption([.. option.Choices.Select(FromData)], FromData(option.Default)),
            };
        }

        return space;
    }

    public static TrialReport ToReport(TrialResult trial, IReadOnlyList<double> judgedLosses, string worker) => new()
    {
        TrialId = trial.TrialId,
        Parameter = ToData(trial.Parameter),
        Status = trial.Status.ToString(),
        Metric = TypedValue.Format(trial.Metric),
        Loss = TypedValue.Format(trial.Loss),
        EpochsRun = trial.EpochsRun,
        Seconds = trial.Duration.TotalSeconds,
        Error = trial.Error?.Message,
        JudgedLosses = [.. judgedLosses],
        Worker = worker,
    };

    public static TrialResult FromReport(TrialReport report) => new(report.TrialId, FromData(report.Parameter), Enum.Parse<TrialStatus>(report.Status),
        double.Parse(report.Metric, CultureInfo.InvariantCulture), double.Parse(report.Loss, CultureInfo.InvariantCulture), report.EpochsRun,
        TimeSpan.FromSeconds(report.Seconds))
    {
        Error = report.Error is null ? null : new InvalidOperationException(report.Error),
    };

    private static string Text(object value) => TypedValue.Format(value);
}
