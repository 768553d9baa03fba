using System.Reflection;
using Microsoft.ML;

namespace Dropout.MLNet.Tests.Infrastructure;

/// <summary>
/// The schema shape of a data view, as an <c>EstimatorChain</c> passes it to an estimator. ML.NET makes it with the
/// internal <c>SchemaShape.Create</c>; only this test helper reaches for it.
/// </summary>
internal static class Shapes
{
    public static SchemaShape Of(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!
            .Invoke(null, [schema])!;
}
