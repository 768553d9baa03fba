namespace Dropout.MLNet.Data;

/// <summary><see cref="ClassWeighting.Balanced"/>: each row's weight times n / (k · n_c), the counts weighted by the rows' own weights.</summary>
internal static class ClassBalance
{
    public static TrainingRows Apply(TrainingRows rows, int classes)
    {
        var counts = new double[classes];
        var labels = rows.Labels;
        var weights = rows.Weights;
        for (int i = 0; i < rows.Count; i++)
        {
            counts[(int)labels[i]] += rows.HasWeights ? weights[i] : 1;
        }

        double total = counts.Sum();
        int present = counts.Count(c => c > 0);
        var balanced = new float[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            int label = (int)labels[i];
            balanced[i] = (float)((rows.HasWeights ? weights[i] : 1) * total / (present * counts[label]));
        }

        return rows.WithWeights(balanced);
    }
}
