namespace Dropout.MLNet;

/// <summary>How the trainer scales numeric features before the network (inside the model, so no normalizer is needed).</summary>
public enum FeatureScaling
{
    /// <summary>z-scores: (x − mean) / standard deviation, from the training rows.</summary>
    Standard,

    /// <summary>
    /// Robust scaling with smooth clipping, as RealMLP (Holzmüller et al., 2024): (x − median) / (q₇₅ − q₂₅) (or
    /// 2 / (max − min) where the quartiles are equal), then x / √(1 + (x/3)²), which leaves values near the median as
    /// they are and bends outliers smoothly toward ±3. One far-off value or a heavy tail then no longer squeezes the rest
    /// of a feature into a sliver of its range.
    /// </summary>
    RobustSmoothClip,
}
