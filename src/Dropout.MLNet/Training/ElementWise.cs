using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dropout.MLNet.Training;

/// <summary>
/// The element-wise sums and products of the hand-written training step, compiled optimized at their first call. The
/// same operations of <c>TensorPrimitives</c> start in tier-0 code, and the runtime promotes them only after its
/// call-counting delay, which new code compiled at the end of each epoch keeps restarting: in the first fit of a process
/// they stayed unoptimized for a dozen epochs, twice the time of each step.
/// </summary>
internal static class ElementWise
{
    /// <summary><paramref name="destination"/>[i] = <paramref name="x"/>[i] + <paramref name="y"/>[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        nuint length = Check(x, y, destination);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float ds = ref MemoryMarshal.GetReference(destination);
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= length; i += 16)
            {
                (Vector512.LoadUnsafe(ref xs, i) + Vector512.LoadUnsafe(ref ys, i)).StoreUnsafe(ref ds, i);
            }
        }

        for (; i + 8 <= length; i += 8)
        {
            (Vector256.LoadUnsafe(ref xs, i) + Vector256.LoadUnsafe(ref ys, i)).StoreUnsafe(ref ds, i);
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref ds, i) = Unsafe.Add(ref xs, i) + Unsafe.Add(ref ys, i);
        }
    }

    /// <summary><paramref name="destination"/>[i] = <paramref name="x"/>[i] · <paramref name="y"/>[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        nuint length = Check(x, y, destination);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float ds = ref MemoryMarshal.GetReference(destination);
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= length; i += 16)
            {
                (Vector512.LoadUnsafe(ref xs, i) * Vector512.LoadUnsafe(ref ys, i)).StoreUnsafe(ref ds, i);
            }
        }

        for (; i + 8 <= length; i += 8)
        {
            (Vector256.LoadUnsafe(ref xs, i) * Vector256.LoadUnsafe(ref ys, i)).StoreUnsafe(ref ds, i);
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref ds, i) = Unsafe.Add(ref xs, i) * Unsafe.Add(ref ys, i);
        }
    }

    /// <summary>The common length, once the spans are checked to hold it (the loops read and write without bounds checks).</summary>
    private static nuint Check(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        if (y.Length != x.Length || destination.Length < x.Length)
        {
            throw new ArgumentException($"Spans of {x.Length} and {y.Length} floats into {destination.Length}: the operands must have one length and the destination at least that.");
        }

        return (nuint)x.Length;
    }
}
