using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace RepricingPS.Core.Repricing
{
    /// <summary>
    /// The outputs of one run, written under short temporary names and committed all or nothing (spec §5).
    /// <para>
    /// While the run owns temporaries it holds <c>.rps-&lt;id&gt;.lock</c> open with FileShare.None; the lock file lists the
    /// outputs in the order of their temporaries (<c>.rps-&lt;id&gt;-&lt;n&gt;.tmp</c>, old outputs set aside as
    /// <c>.rps-&lt;id&gt;-&lt;n&gt;.bak</c>). A later run that can open a lock file knows its run is gone (a killed process
    /// releases its handles) and cleans up after it: temporaries are deleted, a set-aside old output is put back when its
    /// place is empty, and is otherwise left where it is with a warning (it may be the only copy).
    /// </para>
    /// <para>
    /// Commit: an output that exists is set aside only with -Force; every new file is moved in without overwriting, so a
    /// concurrent run can never be overwritten or deleted; on any failure the files this run moved in are taken back and
    /// the old ones restored, and the error says exactly what is on disk.
    /// </para>
    /// </summary>
    internal sealed class OutputSet : IDisposable
    {
        private const string Prefix = ".rps-";
        private readonly string _dir;
        private readonly string _id;
        private readonly FileStream _lock;
        private readonly List<string> _finals = new List<string>();
        private bool _committed;

        private OutputSet(string dir, string id, FileStream lockFile)
        {
            _dir = dir;
            _id = id;
            _lock = lockFile;
        }

        /// <summary>Takes the lock of a new run in <paramref name="dir"/> (which exists) and cleans up after runs that are gone.</summary>
        internal static OutputSet Begin(string dir, List<string> warnings)
        {
            CleanUpAfterGoneRuns(dir, warnings);
            while (true)
            {
                string id = NewId();
                try
                {
                    var fs = new FileStream(LockPath(dir, id), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.WriteThrough);
                    return new OutputSet(dir, id, fs);
                }
                catch (IOException) when (File.Exists(LockPath(dir, id)))
                {
                    // The same random id twice: take another.
                }
            }
        }

        /// <summary>Files of this run: its lock file and temporaries (tests look at them).</summary>
        internal string LockFile => LockPath(_dir, _id);

        /// <summary>A new short temporary for <paramref name="final"/>, listed in the lock file before it is created.</summary>
        internal string NewTemp(string final)
        {
            _finals.Add(final);
            byte[] line = Encoding.UTF8.GetBytes(Path.GetFileName(final) + "\n");
            _lock.Write(line, 0, line.Length);
            _lock.Flush(flushToDisk: true);
            return Temp(_finals.Count - 1);
        }

        private string Temp(int n) => Path.Combine(_dir, $"{Prefix}{_id}-{n}.tmp");

        private string Backup(int n) => Path.Combine(_dir, $"{Prefix}{_id}-{n}.bak");

        /// <summary>Moves every temporary into place, all or nothing.</summary>
        internal void Commit(bool force)
        {
            var movedIn = new List<(int N, long Length, DateTime Written)>();
            var setAside = new List<int>();
            int current = -1;
            try
            {
                for (current = 0; current < _finals.Count; current++)
                {
                    string final = _finals[current];
                    if (Directory.Exists(final))
                    {
                        throw new IOException($"'{final}' is a folder.");
                    }
                    if (File.Exists(final))
                    {
                        if (!force)
                        {
                            throw Failures.OutputExists.With(
                                $"'{Path.GetFileName(final)}' appeared in '{_dir}' while this run was writing (another run into the same folder?). " +
                                "Nothing of it was replaced. Use another -OutputDirectory, or -Force to replace it.", _dir);
                        }
                        File.Move(final, Backup(current));
                        setAside.Add(current);
                    }
                    var info = new FileInfo(Temp(current));
                    long length = info.Length;
                    DateTime written = info.LastWriteTimeUtc;
                    File.Move(Temp(current), final); // never overwrites: fails if another run put a file there meanwhile
                    movedIn.Add((current, length, written));
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is RepricingException)
            {
                string state = RollBack(movedIn, setAside);
                string failed = current >= 0 && current < _finals.Count ? Path.GetFileName(_finals[current]) : "";
                if (ex is RepricingException user) throw user.Failure.With(user.Message + " " + state, _dir, ex);
                throw Failures.OutputNotWritable.With(
                    $"The outputs could not be moved into place in '{_dir}' ('{failed}': {ex.Message}) {state} " +
                    "If a file is open in another program (Excel), close it and run again.", _dir, ex);
            }
            _committed = true;
            foreach (int n in setAside) TryDelete(Backup(n));
        }

        /// <summary>Takes back what this run moved in, restores what it set aside, and says what is on disk now.</summary>
        private string RollBack(List<(int N, long Length, DateTime Written)> movedIn, List<int> setAside)
        {
            var notes = new List<string>();
            foreach (var (n, length, written) in movedIn)
            {
                var info = new FileInfo(_finals[n]);
                // Only the file this run put there (another run with -Force may have replaced it since).
                if (!info.Exists || info.Length != length || info.LastWriteTimeUtc != written) continue;
                try { File.Move(_finals[n], Temp(n)); }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    notes.Add($"'{Path.GetFileName(_finals[n])}' is this run's NEW file (it could not be taken back: {e.Message})");
                }
            }
            foreach (int n in setAside)
            {
                string name = Path.GetFileName(_finals[n]);
                try
                {
                    File.Move(Backup(n), _finals[n]);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    notes.Add($"the old '{name}' is kept as '{Path.GetFileName(Backup(n))}' (it could not be put back: {e.Message})");
                }
            }
            var kept = _finals.Where(File.Exists).Select(Path.GetFileName).ToList();
            string summary = notes.Count == 0
                ? (kept.Count == 0 ? "Nothing was written: no output of this run is on disk." : $"No output of this run is on disk; these were there before and are unchanged: {string.Join(", ", kept)}.")
                : "On disk now: " + string.Join("; ", notes) + (kept.Count > 0 ? $"; present: {string.Join(", ", kept)}" : "") + ".";
            return summary;
        }

        /// <summary>Deletes this run's temporaries (after a failure or cancellation) and releases its lock.</summary>
        public void Dispose()
        {
            for (int n = 0; n < _finals.Count; n++)
            {
                if (!_committed) TryDelete(Temp(n));
            }
            bool backupsLeft = Enumerable.Range(0, _finals.Count).Any(n => File.Exists(Backup(n)));
            _lock.Dispose();
            // A set-aside old output that could not be restored stays listed, so a later run can still put it back.
            if (!backupsLeft) TryDelete(LockFile);
        }

        private static void CleanUpAfterGoneRuns(string dir, List<string> warnings)
        {
            string[] locks;
            try { locks = Directory.GetFiles(dir, Prefix + "*.lock"); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { return; }
            foreach (string lockPath in locks)
            {
                string id = Path.GetFileNameWithoutExtension(lockPath).Substring(Prefix.Length);
                FileStream fs;
                try
                {
                    fs = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    continue; // its run is alive (or the file is not ours to judge): leave it alone
                }
                bool clean = true;
                using (fs)
                {
                    string[] finals;
                    using (var reader = new StreamReader(fs, Encoding.UTF8, false, 4096, leaveOpen: true)) finals = reader.ReadToEnd().Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
                    for (int n = 0; n < finals.Length; n++)
                    {
                        TryDelete(Path.Combine(dir, $"{Prefix}{id}-{n}.tmp"));
                        string backup = Path.Combine(dir, $"{Prefix}{id}-{n}.bak");
                        if (!File.Exists(backup)) continue;
                        string final = Path.Combine(dir, Path.GetFileName(finals[n]));
                        try
                        {
                            File.Move(backup, final); // fails when the place is taken: then both stay
                            warnings.Add($"A run into '{dir}' was stopped while replacing '{finals[n]}': its old copy was put back.");
                        }
                        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                        {
                            clean = false;
                            warnings.Add($"A run into '{dir}' was stopped while replacing '{finals[n]}': its old copy is kept as '{Path.GetFileName(backup)}'. Delete it when you no longer need it.");
                        }
                    }
                }
                if (clean) TryDelete(lockPath);
            }
        }

        private static string LockPath(string dir, string id) => Path.Combine(dir, Prefix + id + ".lock");

        /// <summary>8 random hex digits: temporaries stay short, so an output name of up to 255 characters still works.</summary>
        private static string NewId() => Guid.NewGuid().ToString("N").Substring(0, 8);

        private static void TryDelete(string path)
        {
            try { if (File.Exists(path)) File.Delete(path); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
