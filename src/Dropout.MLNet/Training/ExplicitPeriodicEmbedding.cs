using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Runtime.CompilerServices;
using Dropout.MLNet.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Training;

/// <summary>
/// The forward and backward pass of a <see cref="PeriodicEmbedding"/> written out by hand for <see cref="ExplicitBackprop"/>,
/// on the memory of its parameters and gradients. A row's embedded feature x gains three sums of 16 cosines; the sines of
/// the same arguments, kept from the forward pass, give the frequencies' and phases' gradients. The 16 frequencies of
/// a feature are a whole number of SIMD vectors, and the cosines of a batch are one vectorized call, so the embedding
/// costs a small part of a step where through autograd it cost five times the rest of it.
/// </summary>
internal sealed class ExplicitPeriodicEmbedding : IDisposable
{
    private const int K = PeriodicEmbedding.Frequencies;
    private const int M = PeriodicEmbedding.Mixed;
    private const float Turn = 2 * MathF.PI;

    private readonly int[] _indices;
    private readonly int _features;
    private readonly int _inputs;
    private readonly TensorMemory _frequency;
    private readonly TensorMemory _phase;
    private readonly TensorMemory _weight;
    private readonly TensorMemory _bias;
    private readonly TensorMemory _frequencyGradient;
    private readonly TensorMemory _phaseGradient;
    private readonly TensorMemory _weightGradient;
    private readonly TensorMemory _biasGradient;
    private readonly float[] _cosines;
    private readonly float[] _sines;
    private readonly float[] _transposed = new float[M * K];
    private readonly TensorMemory _outputs;

    public ExplicitPeriodicEmbedding(PeriodicEmbedding embedding, NetworkSpec spec, int batchSize)
    {
        _indices = [.. spec.EmbeddedIndices];
        _features = embedding.Features;
        _inputs = spec.InputSize;
        Width = spec.NetworkInputs;
        _frequency = Memory(embedding.Frequency);
        _phase = Memory(embedding.Phase);
        _weight = Memory(embedding.Weight);
        _bias = Memory(embedding.Bias);
        _frequencyGradient = Gradient(embedding.Frequency);
        _phaseGradient = Gradient(embedding.Phase);
        _weightGradient = Gradient(embedding.Weight);
        _biasGradient = Gradient(embedding.Bias);
        _cosines = new float[batchSize * _features * K];
        _sines = new float[batchSize * _features * K];
        _outputs = TensorMemory.Allocate(batchSize * Width);
    }

    /// <summary>The numbers a row becomes: its d features, then three for each of the e embedded ones.</summary>
    public int Width { get; }

    /// <summary>The embedded rows of the last <see cref="Forward"/>, [rows, d + 3e].</summary>
    public Span<float> Outputs(int rows) => _outputs.Prefix(rows * Width);

    /// <summary>Embeds <paramref name="rows"/> rows of <paramref name="inputs"/> into <see cref="Outputs"/>, keeping the cosines and sines.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<float> inputs, int rows)
    {
        int count = rows * _features * K;
        var arguments = _cosines.AsSpan(0, count);
        var frequency = _frequency.Span;
        var phase = _phase.Span;
        for (int cell = 0; cell < rows * _features; cell++)
        {
            int feature = cell % _features;
            float x = inputs[((cell / _features) * _inputs) + _indices[feature]];
            var w = frequency.Slice(feature * K, K);
            var b = phase.Slice(feature * K, K);
            var argument = arguments.Slice(cell * K, K);
            for (int k = 0; k < K; k += Vector<float>.Count)
            {
                // The order of libtorch's forward: (x·w + b)·2π, each rounded (vector arithmetic is not fused).
                (((new Vector<float>(w[k..]) * x) + new Vector<float>(b[k..])) * Turn).CopyTo(argument[k..]);
            }
        }

        TensorPrimitives.SinCos(arguments, _sines.AsSpan(0, count), arguments);

        var weight = _weight.Span;
        var bias = _bias.Span;
        var outputs = Outputs(rows);
        for (int row = 0; row < rows; row++)
        {
            inputs.Slice(row * _inputs, _inputs).CopyTo(outputs.Slice(row * Width, _inputs));
        }

        for (int feature = 0; feature < _features; feature++)
        {
            Transpose(weight.Slice(feature * K * M, K * M));
            for (int row = 0; row < rows; row++)
            {
                int cell = (row * _features) + feature;
                var cosines = new ReadOnlySpan<float>(_cosines, cell * K, K);
                var output = outputs.Slice((row * Width) + _inputs + (feature * M), M);
                for (int m = 0; m < M; m++)
                {
                    output[m] = Dot(cosines, _transposed.AsSpan(m * K, K)) + bias[(feature * M) + m];
                }
            }
        }
    }

    /// <summary>
    /// The parameters' gradients (replacing what they held) from <paramref name="outputGradients"/>, the loss's gradient
    /// with respect to the last <see cref="Forward"/>'s outputs, whose inputs were <paramref name="inputs"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradients, int rows)
    {
        var weight = _weight.Span;
        var frequencyGradient = _frequencyGradient.Span;
        var phaseGradient = _phaseGradient.Span;
        var weightGradient = _weightGradient.Span;
        var biasGradient = _biasGradient.Span;
        frequencyGradient.Clear();
        phaseGradient.Clear();
        biasGradient.Clear();
        Span<float> argumentGradient = stackalloc float[K];
        Span<float> transposedGradient = stackalloc float[M * K];
        for (int feature = 0; feature < _features; feature++)
        {
            Transpose(weight.Slice(feature * K * M, K * M));
            transposedGradient.Clear();
            var featureFrequencyGradient = frequencyGradient.Slice(feature * K, K);
            var featurePhaseGradient = phaseGradient.Slice(feature * K, K);
            for (int row = 0; row < rows; row++)
            {
                int cell = (row * _features) + feature;
                var cosines = new ReadOnlySpan<float>(_cosines, cell * K, K);
                var sines = new ReadOnlySpan<float>(_sines, cell * K, K);
                var gradient = outputGradients.Slice((row * Width) + _inputs + (feature * M), M);
                argumentGradient.Clear();
                for (int m = 0; m < M; m++)
                {
                    float g = gradient[m];
                    biasGradient[(feature * M) + m] += g;
                    MultiplyAdd(cosines, g, transposedGradient.Slice(m * K, K));
                    MultiplyAdd(_transposed.AsSpan(m * K, K), g, argumentGradient);
                }

                // d cos(2π t)/dt = −2π sin(2π t); t = x·w + b.
                float x = inputs[(row * _inputs) + _indices[feature]];
                for (int k = 0; k < K; k += Vector<float>.Count)
                {
                    var dt = new Vector<float>(sines[k..]) * -Turn * new Vector<float>(argumentGradient[k..]);
                    (new Vector<float>(featurePhaseGradient[k..]) + dt).CopyTo(featurePhaseGradient[k..]);
                    (new Vector<float>(featureFrequencyGradient[k..]) + (dt * x)).CopyTo(featureFrequencyGradient[k..]);
                }
            }

            var featureWeightGradient = weightGradient.Slice(feature * K * M, K * M);
            for (int k = 0; k < K; k++)
            {
                for (int m = 0; m < M; m++)
                {
                    featureWeightGradient[(k * M) + m] = transposedGradient[(m * K) + k];
                }
            }
        }
    }

    public void Dispose()
    {
        foreach (var memory in new[] { _frequency, _phase, _weight, _bias, _frequencyGradient, _phaseGradient, _weightGradient, _biasGradient, _outputs })
        {
            memory.Dispose();
        }
    }

    /// <summary>One feature's [16, 3] map into <see cref="_transposed"/> as [3, 16], so that each output is a dot product of 16.</summary>
    private void Transpose(ReadOnlySpan<float> featureWeight)
    {
        for (int k = 0; k < K; k++)
        {
            for (int m = 0; m < M; m++)
            {
                _transposed[(m * K) + k] = featureWeight[(k * M) + m];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var sum = Vector<float>.Zero;
        for (int k = 0; k < K; k += Vector<float>.Count)
        {
            sum += new Vector<float>(x[k..]) * new Vector<float>(y[k..]);
        }

        return Vector.Sum(sum);
    }

    /// <summary><paramref name="destination"/> += <paramref name="x"/> · <paramref name="factor"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAdd(ReadOnlySpan<float> x, float factor, Span<float> destination)
    {
        for (int k = 0; k < K; k += Vector<float>.Count)
        {
            (new Vector<float>(destination[k..]) + (new Vector<float>(x[k..]) * factor)).CopyTo(destination[k..]);
        }
    }

    private static TensorMemory Memory(Tensor parameter) => new(parameter.detach().DetachFromDisposeScope());

    private static TensorMemory Gradient(Tensor parameter) => new(
        parameter.grad?.DetachFromDisposeScope() ?? throw new InvalidOperationException("The embedding's gradient is not allocated; create the optimizer first."));
}
