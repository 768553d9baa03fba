using Dropout.MLNet.Onnx.Proto;

namespace Dropout.MLNet.Onnx;

/// <summary>Assembles an ONNX graph node by node, giving each intermediate value a fresh name.</summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph = new() { Name = "DropoutMlp" };
    private int _next;

    public GraphProto Graph => _graph;

    public void AddInput(string name, TensorProto.Types.DataType type, params long[] dims) =>
        _graph.Input.Add(ValueInfo(name, type, dims));

    public void AddOutput(string name, TensorProto.Types.DataType type, params long[] dims) =>
        _graph.Output.Add(ValueInfo(name, type, dims));

    public string AddInitializer(string name, IEnumerable<float> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return AddInitializer(tensor);
    }

    public string AddInt64Initializer(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64, Dims = { values.Length } };
        tensor.Int64Data.AddRange(values);
        return AddInitializer(tensor);
    }

    public string AddInitializer(TensorProto tensor)
    {
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a node and returns the name of its (single) output.</summary>
    public string AddNode(string opType, IEnumerable<string> inputs, string? output = null, string? name = null,
        string domain = "", params AttributeProto[] attributes)
    {
        output ??= $"{opType.ToLowerInvariant()}_{_next++}";
        var node = new NodeProto { OpType = opType, Name = name ?? output, Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
