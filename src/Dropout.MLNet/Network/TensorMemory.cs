using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// The memory of a contiguous float32 CPU tensor as a span, its address read once (a span through
/// <see cref="Tensor.bytes"/> costs native calls each time). libtorch allocates 64-byte aligned, which makes buffers made
/// here repeatable inputs for MKL: its results depend on the alignment of their operands, and a managed array's
/// alignment changes from run to run, so a seed would not give the same network twice.
/// </summary>
internal sealed unsafe class TensorMemory : IDisposable
{
    private readonly Tensor _tensor;
    private readonly float* _address;
    private readonly int _length;

    /// <summary>The memory of <paramref name="tensor"/>, which this keeps alive until disposed.</summary>
    public TensorMemory(Tensor tensor)
    {
        if (tensor.dtype != ScalarType.Float32 || tensor.device_type != TorchSharp.DeviceType.CPU || !tensor.is_contiguous())
        {
            throw new ArgumentException("The tensor must be a contiguous float32 tensor on the CPU.", nameof(tensor));
        }

        _tensor = tensor;
        var bytes = tensor.bytes;
        _address = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(bytes));
        _length = bytes.Length / sizeof(float);
    }

    /// <summary>A new buffer of <paramref name="length"/> floats, aligned for MKL.</summary>
    public static TensorMemory Allocate(long length) => new(empty(length, ScalarType.Float32).DetachFromDisposeScope());

    /// <summary>The tensor whose memory this is (disposed with this).</summary>
    public Tensor Tensor => _tensor;

    /// <summary>All of the memory.</summary>
    public Span<float> Span => new(_address, _length);

    /// <summary>The first <paramref name="length"/> floats.</summary>
    public Span<float> Prefix(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _length);
        return new(_address, length);
    }

    public void Dispose() => _tensor.Dispose();
}
