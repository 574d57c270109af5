using System.IO;
using System.IO.Compression;
using System.Text;
using OfficeOpenXml;
using Xunit;
using RepricingPS.Core.Repricing;

namespace RepricingPS.Core.Tests.Repricing
{
    public sealed class WorkbookSheetsTests
    {
        [Fact]
        public void Names_AreTheSheetsInWorkbookOrder()
        {
            using var t = new TempDir();
            string path = t.Combine("book.xlsx");
            using (var p = new ExcelPackage())
            {
                p.Workbook.Worksheets.Add("Claims Table").Cells[1, 1].Value = "x";
                p.Workbook.Worksheets.Add("Analyst's notes").Cells[1, 1].Value = "y";
                p.SaveAs(new FileInfo(path));
            }
            Assert.Equal(new[] { "Claims Table", "Analyst's notes" }, WorkbookSheets.Names(path));
        }

        [Fact]
        public void Names_OfSomethingThatIsNotAWorkbook_AreNone()
        {
            using var t = new TempDir();
            string text = t.Combine("renamed.xlsx");
            File.WriteAllText(text, "SOURCERECORDID,NDC\n1,2\n");
            Assert.Empty(WorkbookSheets.Names(text));
            Assert.Empty(WorkbookSheets.Names(t.Combine("missing.xlsx")));

            // A DTD with an entity (billion laughs) is refused, not expanded.
            string hostile = t.Combine("dtd.xlsx");
            using (var zip = ZipFile.Open(hostile, ZipArchiveMode.Create))
            using (var w = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open(), Encoding.UTF8))
            {
                w.Write("<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>" +
                        "<workbook><sheets><sheet name=\"&b;\"/></sheets></workbook>");
            }
            Assert.Empty(WorkbookSheets.Names(hostile));
        }
    }
}
