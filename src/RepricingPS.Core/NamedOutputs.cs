using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RepricingPS.Core
{
    /// <summary>
    /// How a run names its outputs (repricing, disruption, line-by-line): each file under a member of the run's output enum,
    /// never under a position in a list. A service adds the outputs it will write, in the order its result lists them, then
    /// writes and reports each by name; a new output or analysis is one enum member and one <see cref="Add"/>.
    /// </summary>
    internal sealed class NamedOutputs<TName> where TName : struct, Enum
    {
        private readonly List<KeyValuePair<TName, string>> _files = new List<KeyValuePair<TName, string>>();

        internal NamedOutputs(string directory) => Directory = directory;

        /// <summary>The output folder.</summary>
        internal string Directory { get; }

        /// <summary>Adds an output under <paramref name="name"/> (once) and returns its full path in the folder.</summary>
        internal string Add(TName name, string fileName)
        {
            if (Contains(name)) throw new InvalidOperationException($"The output {name} is named twice.");
            string path = Path.Combine(Directory, fileName);
            _files.Add(new KeyValuePair<TName, string>(name, path));
            return path;
        }

        /// <summary>Whether this run writes <paramref name="name"/>.</summary>
        internal bool Contains(TName name) => _files.Any(f => EqualityComparer<TName>.Default.Equals(f.Key, name));

        /// <summary>The path of an output this run writes.</summary>
        internal string this[TName name] => Find(name) ?? throw new KeyNotFoundException($"This run writes no {name} output.");

        /// <summary>The path of <paramref name="name"/>, or null when this run does not write it.</summary>
        internal string? Find(TName name)
        {
            foreach (var f in _files) if (EqualityComparer<TName>.Default.Equals(f.Key, name)) return f.Value;
            return null;
        }

        /// <summary>Every path, in the order added (the order a result lists them).</summary>
        internal IReadOnlyList<string> Paths => _files.Select(f => f.Value).ToList();
    }
}
