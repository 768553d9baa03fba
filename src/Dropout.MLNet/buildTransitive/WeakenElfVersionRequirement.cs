// MSBuild task (compiled by RoslynCodeTaskFactory from Directory.Build.targets).
// Marks one symbol-version requirement of an ELF64 shared object as WEAK (VER_FLG_WEAK in the
// vna_flags of its Vernaux entry in .gnu.version_r), so the dynamic loader accepts a system library
// that lacks that version. Files are rewritten only when a flag changes, and through a new file, so
// a hard link into the NuGet cache is never modified. The same size and timestamp are kept, so the
// next incremental build neither copies the file again nor finds anything left to change.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenElfVersionRequirement : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    [Required]
    public string VersionName { get; set; } = string.Empty;

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            var path = item.GetMetadata("FullPath");
            var bytes = File.ReadAllBytes(path);
            int changed = Weaken(bytes, VersionName);
            if (changed < 0)
            {
                Log.LogWarning("{0} is not a little-endian ELF64 file with a version-needs section; left unchanged.", path);
                continue;
            }

            if (changed == 0)
            {
                continue;
            }

            // Keep the copy's timestamp so MSBuild's incremental copy still sees it as up to date.
            var lastWrite = File.GetLastWriteTimeUtc(path);
            var temporary = path + ".weakening";
            File.WriteAllBytes(temporary, bytes);
            File.SetLastWriteTimeUtc(temporary, lastWrite);
            File.Delete(path);
            File.Move(temporary, path);
            Log.LogMessage(MessageImportance.Normal, "Marked {0} weak in {1}.", VersionName, path);
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>Returns the number of entries newly marked weak, or -1 when the file is not a usable ELF64.</summary>
    private static int Weaken(byte[] elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F'
            || elf[4] != 2 || elf[5] != 1)
        {
            return -1;
        }

        long sectionTable = (long)BitConverter.ToUInt64(elf, 0x28);
        int sectionSize = BitConverter.ToUInt16(elf, 0x3A);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3C);
        for (int s = 0; s < sectionCount; s++)
        {
            long header = sectionTable + (long)s * sectionSize;
            if (BitConverter.ToUInt32(elf, (int)header + 4) != ShtGnuVerneed)
            {
                continue;
            }

            long offset = (long)BitConverter.ToUInt64(elf, (int)header + 24);
            int link = (int)BitConverter.ToUInt32(elf, (int)header + 40);
            int entries = (int)BitConverter.ToUInt32(elf, (int)header + 44);
            long strings = (long)BitConverter.ToUInt64(elf, (int)(sectionTable + (long)link * sectionSize + 24));
            return WeakenEntries(elf, offset, entries, strings, versionName);
        }

        return -1;
    }

    private static int WeakenEntries(byte[] elf, long need, int entries, long strings, string versionName)
    {
        int changed = 0;
        for (int n = 0; n < entries; n++)
        {
            int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
            long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
            for (int a = 0; a < auxCount; a++)
            {
                long name = strings + BitConverter.ToUInt32(elf, (int)aux + 8);
                ushort flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                if (ReadString(elf, name) == versionName && (flags & VerFlagWeak) == 0)
                {
                    BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(elf, (int)aux + 4);
                    changed++;
                }

                aux += BitConverter.ToUInt32(elf, (int)aux + 12);
            }

            need += BitConverter.ToUInt32(elf, (int)need + 12);
        }

        return changed;
    }

    private static string ReadString(byte[] elf, long start)
    {
        int end = Array.IndexOf(elf, (byte)0, (int)start);
        return Encoding.ASCII.GetString(elf, (int)start, end - (int)start);
    }
}
