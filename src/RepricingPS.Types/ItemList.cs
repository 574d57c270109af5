using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace RepricingPS
{
    /// <summary>
    /// A read-only list property of an output object whose text is its items', joined with "; " (for example
    /// "FILE_ERROR: 5; USER_ERROR: 4"), so Export-Csv and string expansion show the values, never a type name.
    /// </summary>
    public sealed class ItemList<T> : ReadOnlyCollection<T>
    {
        /// <summary>An empty list.</summary>
        public static ItemList<T> NoItems { get; } = new ItemList<T>(new List<T>());

        /// <summary>Wraps the items (copied).</summary>
        public ItemList(IEnumerable<T> items) : base(items.ToList()) { }

        /// <summary>The number of items, as an array has it.</summary>
        public int Length => Count;

        /// <summary>The items' text joined with "; ".</summary>
        public override string ToString() => string.Join("; ", this.Select(i => i?.ToString() ?? ""));

        /// <summary>Lets an array be assigned where an item list is wanted.</summary>
        public static implicit operator ItemList<T>(T[] items) => new ItemList<T>(items);
    }
}
