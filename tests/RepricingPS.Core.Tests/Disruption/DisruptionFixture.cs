using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Disruption;
using Xunit;

namespace RepricingPS.Core.Tests.Disruption
{
    /// <summary>Reference tables and claims on disk, a log of their own, and a run of the service.</summary>
    internal sealed class DisruptionFixture : IDisposable
    {
        internal const string ClaimsHeader = "SOURCERECORDID,DATEFILLED,MemberID,NDC,FormularyTier,Logic,Rxs,PHARMACYNPI,NABP,Pharmacy Name";

        // Spec §10.
        internal const string MediSpan = "NDC,Maint Drug?,Product Name\n00093505601,Y,Atorvastatin Calcium\n00378395477,Y,Lisinopril\n00002143380,Y,Trulicity\n00173068220,Y,Albuterol Sulfate HFA\n";
        internal const string Universal = "NDC,Tier\n00093505601,1\n00378395477,1\n00002143380,3\n";
        internal const string Exclusive = "NDC,Tier,Alternative\n00093505601,1,\n00378395477,2,\n00002143380,Nonformulary,Ozempic\n";
        internal const string Network = "pharmacy_nabp,pharmacy_npi,pharmacy_is_excluded\n1234567,1234567890,no\n7654321,1111111111,yes\n";
        internal const string WorkedClaims = ClaimsHeader + "\n" +
            "C1,2025-06-01,M1,00093505601,2,1,1,1234567890,1234567,MAIN ST PHARMACY\n" +
            "C2,2025-06-10,M2,00093505601,2,1,1,1234567890,1234567,MAIN ST PHARMACY\n" +
            "C3,2025-06-15,M2,00378395477,1,3,1,1111111111,7654321,CVS PHARMACY #123\n" +
            "C4,2025-06-20,M3,00002143380,2,2,1,9999999999,0000001,ACME DRUGS\n" +
            "C5,2025-06-21,M4,00173068220,2,1,1,1234567890,1234567,MAIN ST PHARMACY\n" +
            "C6,2024-11-30,M5,00093505601,2,1,1,1234567890,1234567,MAIN ST PHARMACY\n" +
            "C7,2025-06-05,M6,00093505601,2,11,1,1234567890,1234567,MAIN ST PHARMACY\n" +
            "C8,2025-05-02,M1,00093505601,3,4,2,1234567890,1234567,MAIN ST PHARMACY\n";

        internal readonly TempDir Dir = new TempDir();
        internal readonly AuditLocation Location;

        internal DisruptionFixture()
        {
            Location = Fixtures.Location(Dir.Combine("log"));
            Directory.CreateDirectory(Location.Root);
            Write("medispan.csv", MediSpan);
            Write("universal.csv", Universal);
            Write("exclusive.csv", Exclusive);
            Write("openmdf.csv", "NDC,Tier\n");
            Write("network.csv", Network);
        }

        internal string Write(string name, string text)
        {
            string path = Dir.Combine(name);
            File.WriteAllText(path, text);
            return path;
        }

        internal string Out => Dir.Combine("out");

        internal DisruptionRequest Request(string claims, DisruptionKind kind = DisruptionKind.Tier)
        {
            var r = new DisruptionRequest { ClaimsPath = Dir.Combine(claims), Kind = kind, OutputDirectory = Out };
            r.References[ReferenceTable.MediSpan] = Dir.Combine("medispan.csv");
            r.References[ReferenceTable.Universal] = Dir.Combine("universal.csv");
            r.References[ReferenceTable.Exclusive] = Dir.Combine("exclusive.csv");
            r.References[ReferenceTable.OpenMdf] = Dir.Combine("openmdf.csv");
            r.References[ReferenceTable.Network] = Dir.Combine("network.csv");
            return r;
        }

        /// <summary>Settings kept inside the temp folder, never the user's.</summary>
        internal ReferenceSettings Settings => new ReferenceSettings(new AuditEnvironment(n => n == "XDG_DATA_HOME" || n == "LOCALAPPDATA" ? Dir.Combine("xdg") : null, false));

        internal DisruptionResult Run(DisruptionRequest request, CancellationToken cancel = default) =>
            new DisruptionService(Fixtures.Log(Location), Settings, null).Run(request, cancel);

        internal RepricingException Fails(DisruptionRequest request) =>
            Assert.Throws<RepricingException>(() => Run(request));

        internal List<AuditEntry> Log() => Fixtures.ReadAll(Location);

        public void Dispose() => Dir.Dispose();
    }
}
