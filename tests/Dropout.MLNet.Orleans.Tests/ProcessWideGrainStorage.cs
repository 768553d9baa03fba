using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace Dropout.MLNet.Orleans.Tests;

/// <summary>
/// Grain storage that outlives the silos of an in-process test cluster, as a database outlives the machines of a real
/// one: state is serialized with Orleans' serializer into one dictionary of the test process, so a study grain whose
/// silo is killed reactivates elsewhere with what it had written.
/// </summary>
internal sealed class ProcessWideGrainStorage(Serializer serializer) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, (byte[] State, string ETag)> Store = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Store.TryGetValue(Key(stateName, grainId), out var entry))
        {
            grainState.State = serializer.Deserialize<T>(entry.State);
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var etag = Guid.NewGuid().ToString("N");
        Store[Key(stateName, grainId)] = (serializer.SerializeToArray(grainState.State), etag);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Store.TryRemove(Key(stateName, grainId), out _);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
