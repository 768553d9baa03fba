namespace Dropout.MLNet.Data;

/// <summary>A seeded random hold-out of a share of the training rows.</summary>
internal static class ValidationSplit
{
    /// <summary>
    /// Splits the rows; returns no validation part when the fraction is 0 or would leave either side empty.
    /// </summary>
    public static (TrainingRows Train, TrainingRows? Validation) Split(TrainingRows rows, float fraction, int seed)
    {
        int validationCount = (int)Math.Floor(rows.Count * (double)fraction);
        if (validationCount == 0 || validationCount >= rows.Count)
        {
            return (rows, null);
        }

        var order = Enumerable.Range(0, rows.Count).ToArray();
        new Random(seed).Shuffle(order);
        var validation = rows.Select(order.AsSpan(0, validationCount));
        var train = rows.Select(order.AsSpan(validationCount));
        return (train, validation);
    }
}
