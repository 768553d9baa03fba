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
    public static void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) => Apply<Sum>(x, y, destination);

    /// <summary><paramref name="destination"/>[i] = <paramref name="x"/>[i] · <paramref name="y"/>[i].</summary>
    public static void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) => Apply<Product>(x, y, destination);

    /// <summary>One operation on 16, 8 or 1 floats at a time (the JIT compiles a copy of the loop for each).</summary>
    private interface IOperation
    {
        static abstract Vector512<float> Of(Vector512<float> x, Vector512<float> y);

        static abstract Vector256<float> Of(Vector256<float> x, Vector256<float> y);

        static abstract float Of(float x, float y);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Apply<TOperation>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
        where TOperation : struct, IOperation
    {
        if (y.Length != x.Length || destination.Length < x.Length)
        {
            throw new ArgumentException($"Spans of {x.Length} and {y.Length} floats into {destination.Length}: the operands must have one length and the destination at least that.");
        }

        // The lengths are checked: the loops read and write without bounds checks.
        nuint length = (nuint)x.Length;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float ds = ref MemoryMarshal.GetReference(destination);
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= length; i += 16)
            {
                TOperation.Of(Vector512.LoadUnsafe(ref xs, i), Vector512.LoadUnsafe(ref ys, i)).StoreUnsafe(ref ds, i);
            }
        }

        for (; i + 8 <= length; i += 8)
        {
            TOperation.Of(Vector256.LoadUnsafe(ref xs, i), Vector256.LoadUnsafe(ref ys, i)).StoreUnsafe(ref ds, i);
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref ds, i) = TOperation.Of(Unsafe.Add(ref xs, i), Unsafe.Add(ref ys, i));
        }
    }

    private readonly struct Sum : IOperation
    {
        public static Vector512<float> Of(Vector512<float> x, Vector512<float> y) => x + y;

        public static Vector256<float> Of(Vector256<float> x, Vector256<float> y) => x + y;

        public static float Of(float x, float y) => x + y;
    }

    private readonly struct Product : IOperation
    {
        public static Vector512<float> Of(Vector512<float> x, Vector512<float> y) => x * y;

        public static Vector256<float> Of(Vector256<float> x, Vector256<float> y) => x * y;

        public static float Of(float x, float y) => x * y;
    }
}
