using Dropout.MLNet.Network;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// Adam (Kingma and Ba, 2015) with β₁ = 0.9, β₂ as set (PyTorch's 0.999 by default), ε = 1e-8, as <c>torch.optim.Adam</c>, over all parameters at once,
/// fused: one pass over the flat values, gradients and moments per step, in SIMD registers on every thread of the fit's
/// <see cref="ThreadTeam"/>, where the same update as libtorch kernels took eight passes (each a read and a write of megabytes for a large network,
/// a good share of a small batch's time).
/// </summary>
internal sealed class AdamOptimizer : ParameterOptimizer
{
    private const float Beta1 = 0.9f;
    private const float Epsilon = 1e-8f;
    /// <summary>Elements per parallel part: below this, one thread does the whole update.</summary>
    private const int PartSize = 1 << 16;
    private readonly double _learningRate;
    private readonly float _weightDecay;
    private readonly float _beta2;
    private readonly float[] _mean;
    private readonly float[] _square;
    private readonly ThreadTeam? _team;
    private long _step;

    /// <summary>Adam over <paramref name="parameters"/>; <paramref name="team"/> shares each update (none: one thread).</summary>
    public AdamOptimizer(IReadOnlyList<Parameter> parameters, double learningRate, double weightDecay, ThreadTeam? team = null, float beta2 = DropoutMlpDefaults.AdamBeta2)
        : base(parameters)
    {
        _beta2 = beta2;
        _team = team;
        _learningRate = learningRate;
        _weightDecay = (float)weightDecay;
        _mean = new float[ParameterCount];
        _square = new float[ParameterCount];
    }

    public override void Step()
    {
        _step++;
        var step = new StepConstants(
            (float)(-_learningRate * LearningRateFactor / (1 - Math.Pow(Beta1, _step))),
            (float)Math.Sqrt(1 - Math.Pow(_beta2, _step)),
            _weightDecay);
        int count = _mean.Length;
        int parts = Math.Max(1, Math.Min(_team?.Threads ?? 1, count / PartSize));
        if (parts == 1 || _team is null)
        {
            UpdateRange(Flat.ValueSpan, Flat.GradientSpan, 0, count, step);
            return;
        }

        int partLength = (count + parts - 1) / parts;
        _team.Run(parts, part =>
            UpdateRange(Flat.ValueSpan, Flat.GradientSpan, part * partLength, Math.Min(count, (part + 1) * partLength), step));
    }

    /// <summary>Updates elements [<paramref name="start"/>, <paramref name="end"/>) in float32, in torch.optim.Adam's order of operations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateRange(Span<float> allValues, Span<float> allGradients, int start, int end, StepConstants step)
    {
        var values = allValues[start..end];
        var gradients = allGradients[start..end];
        var mean = _mean.AsSpan(start, end - start);
        var square = _square.AsSpan(start, end - start);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectorValues = MemoryMarshal.Cast<float, Vector<float>>(values);
            var vectorGradients = MemoryMarshal.Cast<float, Vector<float>>(gradients);
            var vectorMean = MemoryMarshal.Cast<float, Vector<float>>(mean);
            var vectorSquare = MemoryMarshal.Cast<float, Vector<float>>(square);
            var beta1 = new Vector<float>(Beta1);
            var oneMinusBeta1 = new Vector<float>(1 - Beta1);
            var beta2 = new Vector<float>(_beta2);
            var oneMinusBeta2 = new Vector<float>(1 - _beta2);
            var epsilon = new Vector<float>(Epsilon);
            var correction = new Vector<float>(step.Correction2Root);
            var stepSize = new Vector<float>(step.StepSize);
            var decay = new Vector<float>(step.WeightDecay);
            for (int k = 0; k < vectorValues.Length; k++)
            {
                var gradient = vectorGradients[k] + (vectorValues[k] * decay);
                var m = (vectorMean[k] * beta1) + (gradient * oneMinusBeta1);
                var s = (vectorSquare[k] * beta2) + (gradient * gradient * oneMinusBeta2);
                vectorMean[k] = m;
                vectorSquare[k] = s;
                vectorValues[k] += stepSize * (m / ((Vector.SquareRoot(s) / correction) + epsilon));
            }

            i = vectorValues.Length * Vector<float>.Count;
        }

        for (; i < values.Length; i++)
        {
            float gradient = gradients[i] + (values[i] * step.WeightDecay);
            float m = (mean[i] * Beta1) + (gradient * (1 - Beta1));
            float s = (square[i] * _beta2) + (gradient * gradient * (1 - _beta2));
            mean[i] = m;
            square[i] = s;
            values[i] += step.StepSize * (m / ((MathF.Sqrt(s) / step.Correction2Root) + Epsilon));
        }
    }

    /// <summary>The numbers of one step: −lr / (1 − β₁ᵗ), √(1 − β₂ᵗ), and the L2 weight decay.</summary>
    private readonly record struct StepConstants(float StepSize, float Correction2Root, float WeightDecay);
}
