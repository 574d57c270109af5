using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace RepricingPS.Core.Audit
{
    /// <summary>The structured facts found in a legacy-shaped message (spec §4).</summary>
    public sealed class MessageFields
    {
        /// <summary>The head that matched, such as "USER ERROR" or "Session started"; empty for segments only; null for free text.</summary>
        public string? Head { get; set; }
        /// <summary>User named in the message.</summary>
        public string User { get; set; } = "";
        /// <summary>Computer named in the message.</summary>
        public string Computer { get; set; } = "";
        /// <summary>Python: or PowerShell: version.</summary>
        public string Runtime { get; set; } = "";
        /// <summary>OS: segment.</summary>
        public string OS { get; set; } = "";
        /// <summary>Action: segment (or the best substitute: Context, process action, error head).</summary>
        public string Action { get; set; } = "";
        /// <summary>File: segment.</summary>
        public string File { get; set; } = "";
        /// <summary>Operation: segment (IMPORTED, LOADING, CREATED).</summary>
        public string Operation { get; set; } = "";
        /// <summary>Error: segment, to the end except a final Stack.</summary>
        public string Error { get; set; } = "";
        /// <summary>Stack: segment.</summary>
        public string Stack { get; set; } = "";
        /// <summary>The error code of an error head such as USER ERROR - FILE_NOT_FOUND.</summary>
        public string ErrorType { get; set; } = "";
        /// <summary>Every Key: Value segment in order, other keys' text folded into the value before.</summary>
        public List<KeyValuePair<string, string>> Segments { get; } = new List<KeyValuePair<string, string>>();
    }

    /// <summary>Parses and composes the legacy message shape: an optional head, then " | "-separated "Key: Value" segments.</summary>
    public static class LegacyMessage
    {
        internal const string Separator = " | ";

        private static readonly string[] KnownKeys =
        {
            "User", "Computer", "Python", "PowerShell", "OS", "Action", "File", "File Info", "Context",
            "Data Context", "Rows Processed", "Operation", "Error", "Stack",
        };

        private static readonly Regex ErrorHead = new Regex(@"^(USER|SYSTEM|FILE|DATA|CONFIG) ERROR - (?<sub>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
        private static readonly Regex SessionEnded = new Regex(@"^Session ended for user: (?<u>.+?) on (?<h>\S+)$", RegexOptions.CultureInvariant);
        private static readonly Regex AccessAttempt = new Regex(@"^Access attempt by (?<u>.+?) on (?<h>\S+)$", RegexOptions.CultureInvariant);
        private static readonly Regex AccessGranted = new Regex(@"^Access granted to (?<u>.+)$", RegexOptions.CultureInvariant);
        private static readonly Regex Process = new Regex(@"^Process (?<a>.+?) by (?<u>\S+?)(?: - (?<d>.*))?$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
        private static readonly Regex ErrorCode = new Regex(@"^[A-Z][A-Z0-9_]*$", RegexOptions.CultureInvariant);

        /// <summary>Parses a message; a message that matches no shape comes back with a null Head and no fields.</summary>
        public static MessageFields Parse(string? message)
        {
            var fields = new MessageFields();
            if (string.IsNullOrEmpty(message)) return fields;
            string rest = message!;

            // Many legacy messages start with "User: <login> | " before the head.
            string prefixUser = "";
            if (rest.StartsWith("User: ", StringComparison.Ordinal))
            {
                int bar = rest.IndexOf(Separator, StringComparison.Ordinal);
                if (bar > 0)
                {
                    prefixUser = rest.Substring(6, bar - 6);
                    rest = rest.Substring(bar + Separator.Length);
                }
            }

            string segmentText;
            string headAction = "";
            string firstPart = FirstPart(rest);
            Match m;
            if ((m = ErrorHead.Match(firstPart)).Success)
            {
                fields.Head = m.Groups[1].Value + " ERROR";
                string sub = m.Groups["sub"].Value.Trim();
                if (ErrorCode.IsMatch(sub)) fields.ErrorType = sub;
                else if (sub.IndexOf('.') < 0) headAction = sub;
                segmentText = RestAfterFirst(rest);
            }
            else if (rest.StartsWith("Session started - ", StringComparison.Ordinal))
            {
                fields.Head = "Session started";
                segmentText = rest.Substring("Session started - ".Length);
            }
            else if ((m = SessionEnded.Match(firstPart)).Success)
            {
                fields.Head = "Session ended";
                fields.User = m.Groups["u"].Value;
                fields.Computer = m.Groups["h"].Value;
                segmentText = RestAfterFirst(rest);
            }
            else if ((m = AccessAttempt.Match(firstPart)).Success)
            {
                fields.Head = "Access attempt";
                fields.User = m.Groups["u"].Value;
                fields.Computer = m.Groups["h"].Value;
                segmentText = RestAfterFirst(rest);
            }
            else if ((m = AccessGranted.Match(firstPart)).Success)
            {
                fields.Head = "Access granted";
                fields.User = m.Groups["u"].Value;
                segmentText = RestAfterFirst(rest);
            }
            else if ((m = Process.Match(firstPart)).Success)
            {
                fields.Head = "Process";
                fields.Action = m.Groups["a"].Value;
                fields.User = m.Groups["u"].Value;
                segmentText = RestAfterFirst(rest);
            }
            else if (StartsWithKnownKey(rest))
            {
                fields.Head = "";
                segmentText = rest;
            }
            else
            {
                // Free text. A "User: x | free text" prefix still tells the user.
                if (prefixUser.Length > 0) { fields.Head = ""; fields.User = prefixUser; }
                return fields;
            }

            if (fields.User.Length == 0) fields.User = prefixUser;
            ParseSegments(segmentText, fields);
            if (fields.Action.Length == 0) fields.Action = headAction;
            return fields;
        }

        private static string FirstPart(string text)
        {
            int bar = text.IndexOf(Separator, StringComparison.Ordinal);
            return bar < 0 ? text : text.Substring(0, bar);
        }

        private static string RestAfterFirst(string text)
        {
            int bar = text.IndexOf(Separator, StringComparison.Ordinal);
            return bar < 0 ? "" : text.Substring(bar + Separator.Length);
        }

        private static bool StartsWithKnownKey(string text) => KeyOf(text) != null;

        private static string? KeyOf(string segment)
        {
            // Longest keys first so "File Info" wins over "File".
            string? best = null;
            foreach (string key in KnownKeys)
            {
                if (segment.Length > key.Length + 1 && segment.StartsWith(key, StringComparison.Ordinal)
                    && segment[key.Length] == ':' && segment[key.Length + 1] == ' '
                    && (best == null || key.Length > best.Length))
                {
                    best = key;
                }
            }
            if (best == null && segment.Length > 1 && segment[segment.Length - 1] == ':')
            {
                // "Key:" with an empty value.
                string k = segment.Substring(0, segment.Length - 1);
                if (Array.IndexOf(KnownKeys, k) >= 0) best = k;
            }
            return best;
        }

        private static void ParseSegments(string text, MessageFields fields)
        {
            if (text.Length == 0) return;
            string[] parts = text.Split(new[] { Separator }, StringSplitOptions.None);
            var segs = fields.Segments;
            for (int i = 0; i < parts.Length; i++)
            {
                string part = parts[i];
                string? key = KeyOf(part);
                if (key == "Error")
                {
                    // Error runs to the end of the message except a final " | Stack: ...".
                    int last = parts.Length;
                    string stack = "";
                    for (int j = parts.Length - 1; j > i; j--)
                    {
                        if (KeyOf(parts[j]) == "Stack")
                        {
                            stack = string.Join(Separator, parts, j, parts.Length - j).Substring("Stack:".Length).TrimStart(' ');
                            last = j;
                            break;
                        }
                    }
                    string error = string.Join(Separator, parts, i, last - i).Substring("Error:".Length).TrimStart(' ');
                    segs.Add(new KeyValuePair<string, string>("Error", error));
                    if (last < parts.Length) segs.Add(new KeyValuePair<string, string>("Stack", stack));
                    break;
                }
                if (key != null)
                {
                    segs.Add(new KeyValuePair<string, string>(key, part.Substring(key.Length + 1).TrimStart(' ')));
                }
                else if (segs.Count > 0)
                {
                    var prev = segs[segs.Count - 1];
                    segs[segs.Count - 1] = new KeyValuePair<string, string>(prev.Key, prev.Value + Separator + part);
                }
                // A segment before any key (a head's trailing text) carries no field.
            }

            foreach (var kv in segs)
            {
                string v = kv.Value;
                switch (kv.Key)
                {
                    case "User":
                        int on = v.IndexOf(" on ", StringComparison.Ordinal);
                        if (on > 0)
                        {
                            SetOnce(v.Substring(0, on), x => fields.User = x, fields.User);
                            SetOnce(v.Substring(on + 4), x => fields.Computer = x, fields.Computer);
                        }
                        else SetOnce(v, x => fields.User = x, fields.User);
                        break;
                    case "Computer": fields.Computer = v; break;
                    case "Python":
                    case "PowerShell": fields.Runtime = kv.Key + " " + v; break;
                    case "OS": fields.OS = v; break;
                    case "Action": fields.Action = v; break;
                    case "Context":
                    case "Data Context": if (fields.Action.Length == 0) fields.Action = v; break;
                    case "File": fields.File = v; break;
                    case "Operation": fields.Operation = v; break;
                    case "Error": fields.Error = v; break;
                    case "Stack": fields.Stack = v; break;
                }
            }
        }

        private static void SetOnce(string value, Action<string> set, string current)
        {
            if (current.Length == 0) set(value);
        }

        /// <summary>
        /// Composes the legacy-shaped message from an entry's fields, as RepricingPS writes it
        /// (with "PowerShell:" in place of "Python:").
        /// </summary>
        public static string Compose(AuditEntry e, string operation = "")
        {
            var sb = new StringBuilder();
            string userOn = e.Computer.Length > 0 ? e.User + " on " + e.Computer : e.User;
            if (e.Status == AuditStatus.Start)
            {
                sb.Append("Session started - User: ").Append(e.User);
                Seg(sb, "Computer", e.Computer);
                Seg(sb, "PowerShell", e.PSVersion);
                Seg(sb, "OS", e.OS);
                return sb.ToString();
            }
            if (e.Status == AuditStatus.End)
            {
                return "Session ended for user: " + userOn;
            }
            if (AuditStatus.IsError(e.Status))
            {
                string head = e.Status == AuditStatus.Error ? "SYSTEM" : e.Status.Substring(0, e.Status.Length - "_ERROR".Length);
                string sub = e.ErrorType.Length > 0 ? e.ErrorType : e.Script;
                sb.Append(head).Append(" ERROR - ").Append(sub);
                Seg(sb, "User", userOn);
                Seg(sb, "PowerShell", e.PSVersion);
                Seg(sb, "OS", e.OS);
                Seg(sb, "Action", e.Action);
                Seg(sb, "File", e.File);
                Seg(sb, "Error", e.Error);
                return sb.ToString();
            }
            sb.Append("User: ").Append(e.User);
            Seg(sb, "Action", e.Action);
            Seg(sb, "File", e.File);
            Seg(sb, "Operation", operation);
            return sb.ToString();
        }

        private static void Seg(StringBuilder sb, string key, string value)
        {
            if (value.Length == 0) return;
            if (sb.Length > 0) sb.Append(Separator);
            sb.Append(key).Append(": ").Append(value);
        }
    }
}
