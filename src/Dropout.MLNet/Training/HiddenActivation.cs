using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Dropout.MLNet.Training;

/// <summary>
/// A hidden layer's bias, activation and dropout in one pass over its pre-activations, for a hand-written backward pass:
/// each z becomes f(z + b)·m, and the mask m is replaced by f′(z + b)·m, the factor the gradient is multiplied by on
/// its way back through the layer.
/// </summary>
internal static class HiddenActivation
{
    private const float SeluScale = 1.0507009873554804934193349852946f;
    private const float SeluAlpha = 1.6732632423543772848170429916717f;

    /// <summary>Whether <paramref name="activation"/> has a pass here (GELU trains through autograd).</summary>
    public static bool Supports(DropoutMlpActivation activation) =>
        activation is DropoutMlpActivation.Relu or DropoutMlpActivation.Tanh or DropoutMlpActivation.Selu;

    /// <summary>
    /// Applies the pass to <paramref name="values"/> (rows of <paramref name="bias"/>'s length) and turns
    /// <paramref name="mask"/> (the same shape) into the derivative factor; <paramref name="scratch"/> holds one row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(DropoutMlpActivation activation, Span<float> values, ReadOnlySpan<float> bias, Span<float> mask, Span<float> scratch)
    {
        int width = bias.Length;
        for (int start = 0; start < values.Length; start += width)
        {
            var row = values.Slice(start, width);
            var rowMask = mask.Slice(start, width);
            ElementWise.Add(row, bias, row);
            switch (activation)
            {
                case DropoutMlpActivation.Relu:
                    Relu(row, rowMask);
                    break;
                case DropoutMlpActivation.Tanh:
                    Tanh(row, rowMask, scratch[..width]);
                    break;
                default:
                    Selu(row, rowMask, scratch[..width]);
                    break;
            }
        }
    }

    /// <summary>f′ = 1 where z &gt; 0, else 0; so f(z)·m = z·f′·m.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Relu(Span<float> row, Span<float> mask)
    {
        int lanes = Vector<float>.Count;
        int j = 0;
        for (; j <= row.Length - lanes; j += lanes)
        {
            var z = new Vector<float>(row[j..]);
            var factor = Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), new Vector<float>(mask[j..]), Vector<float>.Zero);
            factor.CopyTo(mask[j..]);
            (z * factor).CopyTo(row[j..]);
        }

        for (; j < row.Length; j++)
        {
            mask[j] = row[j] > 0f ? mask[j] : 0f;
            row[j] *= mask[j];
        }
    }

    /// <summary>f = tanh z, f′ = 1 − tanh² z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tanh(Span<float> row, Span<float> mask, Span<float> scratch)
    {
        TensorPrimitives.Tanh(row, scratch);
        ElementWise.Multiply(scratch, mask, row);
        ElementWise.Multiply(scratch, scratch, scratch);
        TensorPrimitives.Subtract(1f, scratch, scratch);
        ElementWise.Multiply(scratch, mask, mask);
    }

    /// <summary>f = λz for z &gt; 0, λα(eᶻ − 1) otherwise; f′ = λ or λαeᶻ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Selu(Span<float> row, Span<float> mask, Span<float> scratch)
    {
        TensorPrimitives.Exp(row, scratch);
        for (int j = 0; j < row.Length; j++)
        {
            bool positive = row[j] > 0f;
            float value = positive ? SeluScale * row[j] : SeluScale * SeluAlpha * (scratch[j] - 1f);
            float slope = positive ? SeluScale : SeluScale * SeluAlpha * scratch[j];
            row[j] = value * mask[j];
            mask[j] *= slope;
        }
    }
}
