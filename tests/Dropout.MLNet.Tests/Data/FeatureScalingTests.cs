using Dropout.MLNet.Data;

namespace Dropout.MLNet.Tests.Data;

/// <summary>Robust scaling with smooth clipping: the statistics, the clip, and what they leave alone.</summary>
[TestClass]
public sealed class FeatureScalingTests
{
    [TestMethod]
    public void RobustScaling_CentersTheMedian_ScalesByTheQuartiles_AndBendsOutliersBelowThree()
    {
        // Feature 0: 1..99 and one outlier of a million; feature 1: an indicator; feature 2: constant; feature 3: mostly 0.
        var values = new List<float>();
        for (int i = 1; i <= 100; i++)
        {
            values.AddRange([i == 100 ? 1e6f : i, i % 3 == 0 ? 1f : 0f, 7f, i > 95 ? 4f : 0f]);
        }

        var rows = new TrainingRows([.. values], new float[100], null, featureCount: 4);
        var standardizer = FeatureStandardizer.FitRobust(rows);

        Assert.AreEqual(50.5f, standardizer.Means[0], 1e-4f, "the median, not the mean (10,049)");
        Assert.AreEqual(1 / 49.5f, standardizer.Scales[0], 1e-7f, "one over the interquartile range 75.25 − 25.75");
        Assert.AreEqual((0f, 1f), (standardizer.Means[1], standardizer.Scales[1]), "an indicator is neither centered nor scaled");
        Assert.AreEqual(1f, standardizer.Scales[2], "a constant feature");
        Assert.AreEqual(2f / 4f, standardizer.Scales[3], "equal quartiles: 2 / (max − min)");
        Assert.IsTrue(standardizer.SmoothClip);

        standardizer.ApplyInPlace(rows);

        var scaled = rows.Features.ToArray();
        Assert.IsTrue(scaled.All(v => Math.Abs(v) < 3f), "the smooth clip keeps every value inside ±3");
        Assert.AreEqual(FeatureStandardizer.Clip((1e6f - 50.5f) / 49.5f), scaled[99 * 4], "the outlier is bent, not dropped");
        Assert.AreEqual(2.9997f, scaled[99 * 4], 1e-3f);
        Assert.AreEqual(0f, scaled[0 * 4 + 1]);
        Assert.AreEqual(1f / MathF.Sqrt(1f + (1f / 9f)), scaled[2 * 4 + 1], 1e-6f, "an indicator's 1 is bent like any value: 0.95");
    }

    [TestMethod]
    public void TheClip_IsNearlyTheIdentityNearZero_AndOddAndIncreasing()
    {
        Assert.AreEqual(0.1f, FeatureStandardizer.Clip(0.1f), 1e-3f);
        Assert.AreEqual(-FeatureStandardizer.Clip(2f), FeatureStandardizer.Clip(-2f));
        float previous = float.NegativeInfinity;
        for (float x = -50; x <= 50; x += 0.25f)
        {
            float y = FeatureStandardizer.Clip(x);
            Assert.IsGreaterThan(previous, y);
            previous = y;
        }
    }
}
