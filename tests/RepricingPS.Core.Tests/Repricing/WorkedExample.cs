using System.IO;
using System.Linq;
using OfficeOpenXml;

namespace RepricingPS.Core.Tests.Repricing
{
    /// <summary>The worked example of spec repricing.md §8, written as .csv or .xlsx.</summary>
    internal static class WorkedExample
    {
        internal const string File1 =
            "SOURCERECORDID,ClientName,DATEFILLED,MemberID,NDC,Drug Name,QUANTITY,DAYSUPPLY,Pharmacy Name,PHARMACYNPI,NABP,GrossCost\r\n" +
            "1001,Acme Health,2025-01-05,M001,00093505601,ATORVASTATIN 20 MG TAB,30,30,MAIN ST PHARMACY,1234567890,1234567,12.50\r\n" +
            "1002,Acme Health,2025-01-05,M001,00093505601,ATORVASTATIN 20 MG TAB,30,30,MAIN ST PHARMACY,1234567890,1234567,12.50\r\n" +
            "1003,Acme Health,2025-01-19,M001,00093505601,ATORVASTATIN 20 MG TAB,-30,-30,MAIN ST PHARMACY,1234567890,1234567,-12.50\r\n" +
            "1004,Acme Health,2025-02-01,M002,00378395477,LISINOPRIL 10 MG TAB,90,90,CVS PHARMACY #123,1111111111,7654321,8.00\r\n" +
            "1005,Acme Health,2025-03-20,M003,00002143380,TRULICITY 1.5 MG/0.5 ML,-2,-28,WALGREENS #55,2222222222,5555555,-900.00\r\n" +
            "1006,Acme Health,2025-01-10,M004,00172208380,METFORMIN 500 MG TAB,60,30,MAIN ST PHARMACY,1234567890,1234567,4.00\r\n" +
            "1007,Acme Health,2025-03-01,M004,00172208380,METFORMIN 500 MG TAB,-60,-30,MAIN ST PHARMACY,1234567890,1234567,-4.00\r\n" +
            "1008,Acme Health,2025-02-15,M005,00093505601,ATORVASTATIN 20 MG TAB,30,30,MAIN ST PHARMACY,1234567890,1234567,12.50\r\n";

        internal const string File2 =
            "Source Record ID,Total AWP (Historical),Rx Sense Ing Cost,RxSense Dispense Fee,RxSense Total Cost\r\n" +
            "1001,45.10,10.20,1.75,11.95\r\n1002,45.10,10.20,1.75,11.95\r\n1003,-45.10,-10.20,-1.75,-11.95\r\n1004,30.25,5.10,1.75,6.85\r\n" +
            "1005,-1890.40,-850.00,-1.75,-851.75\r\n1006,12.00,2.10,1.75,3.85\r\n1007,-12.00,-2.10,-1.75,-3.85\r\n1099,5.00,1.00,1.75,2.75\r\n";

        /// <summary>Writes the CSV text as a workbook the way Excel users keep it: NDC and IDs as text, numbers as numbers, dates as dates.</summary>
        internal static void WriteXlsx(string path, string csv)
        {
            var lines = csv.Split("\r\n", System.StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToArray();
            using var p = new ExcelPackage();
            var ws = p.Workbook.Worksheets.Add("Sheet1");
            for (int r = 0; r < lines.Length; r++)
            {
                for (int c = 0; c < lines[r].Length; c++)
                {
                    string v = lines[r][c];
                    string header = lines[0][c];
                    var cell = ws.Cells[r + 1, c + 1];
                    if (r == 0 || header is "SOURCERECORDID" or "Source Record ID" or "NDC" or "MemberID" or "PHARMACYNPI" or "NABP" || !decimal.TryParse(v, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out decimal d))
                    {
                        if (header == "DATEFILLED" && r > 0) { cell.Value = System.DateTime.Parse(v, System.Globalization.CultureInfo.InvariantCulture); cell.Style.Numberformat.Format = "m/d/yyyy"; }
                        else cell.Value = v;
                    }
                    else cell.Value = (double)d;
                }
            }
            p.SaveAs(new FileInfo(path));
        }
    }
}
