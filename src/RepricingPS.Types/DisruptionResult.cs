using System;

namespace RepricingPS
{
    /// <summary>The rows each filter of spec §4 dropped.</summary>
    public sealed class DisruptionDropped
    {
        /// <summary>Step 1: a Logic, Rxs or DATEFILLED value that does not parse.</summary>
        public int Invalid { get; set; }
        /// <summary>Step 2: equal in every column to an earlier row.</summary>
        public int Duplicate { get; set; }
        /// <summary>Step 3: no DATEFILLED.</summary>
        public int NoDate { get; set; }
        /// <summary>Step 4: outside the window.</summary>
        public int OutsideWindow { get; set; }
        /// <summary>Step 5: Logic not in 1-10.</summary>
        public int Logic { get; set; }
        /// <summary>Step 6: not a maintenance drug, or the NDC is not in Medi-Span.</summary>
        public int NotMaintenance { get; set; }
        /// <summary>Step 7: albuterol, ventolin or epinephrine.</summary>
        public int ExcludedProduct { get; set; }
        /// <summary>Step 8: the Exclusive alternative says Covered or Use different NDC.</summary>
        public int CoveredAlternative { get; set; }

        /// <summary>All dropped rows.</summary>
        public int Total => Invalid + Duplicate + NoDate + OutsideWindow + Logic + NotMaintenance + ExcludedProduct + CoveredAlternative;

        /// <inheritdoc/>
        public override string ToString() =>
            $"Invalid {Invalid}, Duplicate {Duplicate}, NoDate {NoDate}, OutsideWindow {OutsideWindow}, Logic {Logic}, " +
            $"NotMaintenance {NotMaintenance}, ExcludedProduct {ExcludedProduct}, CoveredAlternative {CoveredAlternative}";
    }

    /// <summary>One row of the Summary sheet.</summary>
    public sealed class DisruptionSummaryRow
    {
        /// <summary>The label, such as Universal Positive or Exclusions.</summary>
        public string Formulary { get; set; } = "";
        /// <summary>Distinct non-blank members over all the rows of its tabs.</summary>
        public int Utilizers { get; set; }
        /// <summary>Sum of Rxs over those rows.</summary>
        public decimal Rxs { get; set; }
        /// <summary>Rxs / TotalClaims, rounded half away from zero to 4 places.</summary>
        public decimal PercentOfClaims { get; set; }

        /// <inheritdoc/>
        public override string ToString() => $"{Formulary}: {Utilizers} utilizers, {Rxs} Rxs, {PercentOfClaims}";

        /// <summary>The table's % of claims column (see ViewText; hidden from Export-Csv, Get-Member and ConvertTo-Json).</summary>
        [Hidden, JsonIgnore]
        public string DisplayPercentOfClaims => ViewText.Format("{0:P2}", PercentOfClaims);
    }

    /// <summary>One row of a tab: a product (and alternative, on Exclusions).</summary>
    public sealed class DisruptionTabRow
    {
        /// <summary>Product Name from Medi-Span.</summary>
        public string ProductName { get; set; } = "";
        /// <summary>The Exclusive alternative (Exclusions only).</summary>
        public string Alternative { get; set; } = "";
        /// <summary>Distinct non-blank members.</summary>
        public int UniqueMembers { get; set; }
        /// <summary>Sum of Rxs.</summary>
        public decimal TotalRxs { get; set; }

        /// <inheritdoc/>
        public override string ToString() => $"{ProductName}{(Alternative.Length > 0 ? " / " + Alternative : "")}: {UniqueMembers} members, {TotalRxs} Rxs";
    }

    /// <summary>One tab (sheet) of the disruption workbook.</summary>
    public sealed class DisruptionTab
    {
        /// <summary>The sheet name, such as Universal_Positive 2-1 or Exclusions.</summary>
        public string Name { get; set; } = "";
        /// <summary>Distinct non-blank members in the tab.</summary>
        public int Utilizers { get; set; }
        /// <summary>Sum of Rxs in the tab.</summary>
        public decimal Rxs { get; set; }
        /// <summary>One row per product (and alternative).</summary>
        public ItemList<DisruptionTabRow> Rows { get; set; } = ItemList<DisruptionTabRow>.NoItems;

        /// <inheritdoc/>
        public override string ToString() => $"{Name}: {Rows.Length} products, {Utilizers} utilizers, {Rxs} Rxs";
    }

    /// <summary>One pharmacy of the Network sheet: excluded or to review, not a chain.</summary>
    public sealed class DisruptionNetworkRow
    {
        /// <summary>The pharmacy's NPI (10 digits), or blank.</summary>
        public string PHARMACYNPI { get; set; } = "";
        /// <summary>The pharmacy's NABP (7 digits), or blank.</summary>
        public string NABP { get; set; } = "";
        /// <summary>The pharmacy's name.</summary>
        public string PharmacyName { get; set; } = "";
        /// <summary>Excluded or Review.</summary>
        public string Status { get; set; } = "";
        /// <summary>Distinct non-blank members.</summary>
        public int Members { get; set; }
        /// <summary>Sum of Rxs.</summary>
        public decimal Rxs { get; set; }

        /// <inheritdoc/>
        public override string ToString() => $"{PHARMACYNPI}, {NABP}, {PharmacyName}, {Status}, {Members}, {Rxs}";
    }

    /// <summary>What Invoke-RepricingDisruption found and wrote.</summary>
    public sealed class DisruptionResult
    {
        /// <summary>The analysis run.</summary>
        public DisruptionKind Kind { get; set; }
        /// <summary>The opportunity name used in the output file name.</summary>
        public string OpportunityName { get; set; } = "";
        /// <summary>Claim rows read.</summary>
        public int ClaimsRead { get; set; }
        /// <summary>Claim rows kept by every filter.</summary>
        public int ClaimsKept { get; set; }
        /// <summary>Rows dropped, per filter.</summary>
        public DisruptionDropped Dropped { get; set; } = new DisruptionDropped();
        /// <summary>First day of the window.</summary>
        public DateTime? WindowStart { get; set; }
        /// <summary>Last day of the window (the latest date filled).</summary>
        public DateTime? WindowEnd { get; set; }
        /// <summary>Distinct non-blank members over the kept rows.</summary>
        public int TotalMembers { get; set; }
        /// <summary>Sum of Rxs over the kept rows.</summary>
        public decimal TotalClaims { get; set; }
        /// <summary>The Summary sheet's rows.</summary>
        public ItemList<DisruptionSummaryRow> Summary { get; set; } = ItemList<DisruptionSummaryRow>.NoItems;
        /// <summary>The tabs, Exclusions last where the kind has it.</summary>
        public ItemList<DisruptionTab> Tabs { get; set; } = ItemList<DisruptionTab>.NoItems;
        /// <summary>The pharmacies excluded or to review, without the chains.</summary>
        public ItemList<DisruptionNetworkRow> Network { get; set; } = ItemList<DisruptionNetworkRow>.NoItems;
        /// <summary>Values that did not parse.</summary>
        public ItemList<RowIssue> Issues { get; set; } = ItemList<RowIssue>.NoItems;
        /// <summary>Things to check, such as a network ID listed with conflicting values.</summary>
        public ItemList<string> Warnings { get; set; } = ItemList<string>.NoItems;
        /// <summary>The workbook written.</summary>
        public string OutputFile { get; set; } = "";
        /// <summary>The Data sheet's rows as .csv, when they went there (-DataAsCsv or too many rows).</summary>
        public string? DataFile { get; set; }
        /// <summary>How long the run took.</summary>
        public TimeSpan Duration { get; set; }
        /// <summary>The audit session of the run.</summary>
        public string SessionId { get; set; } = "";

        /// <inheritdoc/>
        public override string ToString() => $"{Kind} disruption of {OpportunityName}: {ClaimsKept:N0} of {ClaimsRead:N0} claims kept";

        // What the list view shows, computed here instead of in view script blocks (see ViewText): hidden from Export-Csv,
        // Format-List *, Get-Member and ConvertTo-Json.

        /// <summary>The view's Window line: first to last day, or nothing when there is no window.</summary>
        [Hidden, JsonIgnore]
        public string? DisplayWindow => WindowStart.HasValue ? ViewText.Format("{0:yyyy-MM-dd} to {1:yyyy-MM-dd}", WindowStart, WindowEnd) : null;

        /// <summary>The view's Claims line: read and kept.</summary>
        [Hidden, JsonIgnore]
        public string DisplayClaims => ViewText.Format("{0:N0} read, {1:N0} kept", ClaimsRead, ClaimsKept);

        /// <summary>The view's Dropped line: each reason's count.</summary>
        [Hidden, JsonIgnore]
        public string? DisplayDropped => Dropped?.ToString();

        /// <summary>The view's Members / Claims line.</summary>
        [Hidden, JsonIgnore]
        public string DisplayMembersAndClaims => ViewText.Format("Members: {0:N0}   Claims: {1:N0}", TotalMembers, TotalClaims);

        /// <summary>The view's Summary: a header and one aligned line per formulary.</summary>
        [Hidden, JsonIgnore]
        public string DisplaySummary => ViewText.DisruptionSummary(Summary);

        /// <summary>The view's Network line: how many pharmacies.</summary>
        [Hidden, JsonIgnore]
        public string DisplayNetwork => ViewText.Format("{0:N0} pharmacies excluded or to review", ViewText.Count(Network));

        /// <summary>The view's Issues line: how many.</summary>
        [Hidden, JsonIgnore]
        public int DisplayIssues => ViewText.Count(Issues);
    }
}
