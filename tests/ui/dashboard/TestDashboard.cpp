// Delivery reports on a real store: the reader's aggregates (buckets, rates, medians, failure
// reasons), the dashboard that shows them, and the CSV exports.
#include "app/export/CsvExport.h"
#include "app/export/CsvExportJob.h"
#include "app/store/MessageReader.h"
#include "app/store/StoreReader.h"
#include "tests/support/UiTestSupport.h"
#include "ui/dashboard/DashboardDialog.h"
#include "ui/export/CsvExportAction.h"

#include <QBarSet>
#include <QBuffer>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

class TestDashboard : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void aggregatesCountRatesAndMedians();
    void bucketsPlaceMessagesByCreationTime();
    void dashboardShowsTheFiguresAndSwitchesPeriod();
    void emptyStoreSaysSo();
    void csvQuotesGuardsAndRoundTrips();
    void exportStreamsPagesOldestFirstOffTheCallersThread();
    void failuresExportOnePagePerQuery();

private:
    // An outbound message taken through accepted → each of `statuses`, `stepMs` apart (provider time).
    qint64 sendThrough(const QString& wamid, const QList<MessageStatus>& statuses, qint64 stepMs);
    QString kpi(DashboardDialog& dialog, const char* name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<UiTest::Seeder> m_seed;
    QString m_path;
};

void TestDashboard::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"flowchat.sqlite"_s);
    m_seed = std::make_unique<UiTest::Seeder>(m_path);
    QVERIFY(m_seed->open());
}

void TestDashboard::cleanup()
{
    m_seed.reset();
    m_dir.reset();
}

qint64 TestDashboard::sendThrough(const QString& wamid, const QList<MessageStatus>& statuses, qint64 stepMs)
{
    using ServiceTest::await;
    const InsertedMessage row = m_seed->outgoing(u"+14155550100"_s, u"hello "_s + wamid);
    MessageStore& store = *m_seed->store;
    QObject& context = m_seed->context;
    await<MessageUpdate>([&](auto done) { store.markSending(row.id, u"meta"_s, &context, done); });
    SendAccepted accepted;
    accepted.providerMessageId = wamid;
    await<MessageUpdate>([&](auto done) { store.recordSendAccepted(row.id, accepted, &context, done); });
    const qint64 created = MessageReader(m_path).message(row.id)->createdAt;
    qint64 at = created;
    for (const MessageStatus status : statuses) {
        at += stepMs;
        StatusUpdate update;
        update.provider = u"meta"_s;
        update.providerMessageId = wamid;
        update.status = status;
        update.rawStatus = Status::toString(status);
        update.timestamp = QDateTime::fromMSecsSinceEpoch(at, Qt::UTC);
        if (status == MessageStatus::Failed) {
            update.errorCode = u"131047"_s;
            update.errorMessage = u"Re-engagement message"_s;
        }
        await<StatusApplied>([&](auto done) { store.applyStatus(update, &context, done); });
    }
    return row.id;
}

QString TestDashboard::kpi(DashboardDialog& dialog, const char* name) const
{
    return dialog.findChild<QLabel*>(QString::fromLatin1(name))->text();
}

void TestDashboard::aggregatesCountRatesAndMedians()
{
    // Statuses arrive 2 s apart: delivered after 4 s (sent, delivered), read after 6 s.
    sendThrough(u"wamid.a"_s, {MessageStatus::Sent, MessageStatus::Delivered, MessageStatus::Read}, 2000);
    sendThrough(u"wamid.b"_s, {MessageStatus::Sent, MessageStatus::Delivered}, 3000);
    sendThrough(u"wamid.c"_s, {MessageStatus::Sent, MessageStatus::Delivered, MessageStatus::Read}, 5000);
    sendThrough(u"wamid.d"_s, {MessageStatus::Failed}, 1000);
    sendThrough(u"wamid.e"_s, {MessageStatus::Failed}, 1000);
    m_seed->outgoing(u"+14155550100"_s, u"still pending"_s);

    MessageReader reader(m_path);
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - 60 * 60 * 1000;
    const Result<DeliveryStats> stats = reader.deliveryStats(since);
    QVERIFY(stats);
    QCOMPARE(stats->total, 6);
    QCOMPARE(stats->read, 2);
    QCOMPARE(stats->delivered, 1);
    QCOMPARE(stats->failed, 2);
    QCOMPARE(stats->pending, 1);

    const Result<DeliveryTimes> times = reader.deliveryTimes(since);
    QVERIFY(times);
    QCOMPARE(times->deliveredCount, 3);
    QCOMPARE(times->medianToDeliveredMs, 6000); // 4 s, 6 s, 10 s
    QCOMPARE(times->readCount, 2);
    QCOMPARE(times->medianToReadMs, 15000); // 6 s and 15 s: the upper middle of two

    const Result<QList<FailureReason>> reasons = reader.failureReasons(since);
    QVERIFY(reasons);
    QCOMPARE(reasons->size(), 1);
    QCOMPARE(reasons->first().errorCode, u"131047"_s);
    QCOMPARE(reasons->first().provider, u"meta"_s);
    QCOMPARE(reasons->first().count, 2);
    QCOMPARE(reasons->first().sampleMessage, u"Re-engagement message"_s);

    // Nothing is older than now + 1 min.
    QCOMPARE(reader.deliveryStats(QDateTime::currentMSecsSinceEpoch() + 60000)->total, 0);
}

void TestDashboard::bucketsPlaceMessagesByCreationTime()
{
    const qint64 id = sendThrough(u"wamid.a"_s, {MessageStatus::Sent, MessageStatus::Delivered}, 1000);
    sendThrough(u"wamid.b"_s, {MessageStatus::Failed}, 1000);
    const qint64 created = MessageReader(m_path).message(id)->createdAt;
    const qint64 hour = 60 * 60 * 1000;
    // Both were created in the fourth of six hourly buckets.
    const Result<QList<StatusBucket>> buckets = MessageReader(m_path).statusBuckets(created - 3 * hour - 1000, hour, 6);
    QVERIFY(buckets);
    QCOMPARE(buckets->size(), 6);
    QCOMPARE(buckets->at(3).counts.total, 2);
    QCOMPARE(buckets->at(3).counts.delivered, 1);
    QCOMPARE(buckets->at(3).counts.failed, 1);
    QCOMPARE(buckets->at(3).startMs, created - 1000);
    for (const int empty : {0, 1, 2, 4, 5}) {
        QCOMPARE(buckets->at(empty).counts.total, 0);
    }
}

void TestDashboard::dashboardShowsTheFiguresAndSwitchesPeriod()
{
    sendThrough(u"wamid.a"_s, {MessageStatus::Sent, MessageStatus::Delivered, MessageStatus::Read}, 2000);
    sendThrough(u"wamid.b"_s, {MessageStatus::Sent, MessageStatus::Delivered}, 3000);
    sendThrough(u"wamid.c"_s, {MessageStatus::Sent}, 1000);
    sendThrough(u"wamid.d"_s, {MessageStatus::Failed}, 1000);

    StoreReader reader(m_path);
    DashboardDialog dialog(&reader);
    QSignalSpy loaded(&dialog, &DashboardDialog::loaded);
    const auto waitForFigures = [&loaded] {
        loaded.clear();
        return loaded.wait(5000);
    };
    dialog.show();
    dialog.reloadNow();
    QVERIFY(waitForFigures());
    QCOMPARE(kpi(dialog, "kpiSent"), u"4"_s);
    QCOMPARE(kpi(dialog, "kpiDeliveryRate"), u"50.0%"_s);
    QCOMPARE(kpi(dialog, "kpiReadRate"), u"25.0%"_s);
    QCOMPARE(kpi(dialog, "kpiMedianDelivered"), u"6.0 s"_s); // 4 s and 6 s: the upper middle
    QCOMPARE(kpi(dialog, "kpiMedianRead"), u"6.0 s"_s);
    QCOMPARE(kpi(dialog, "kpiFailed"), u"1"_s);
    QVERIFY(!dialog.findChild<QLabel*>(u"dashboardEmpty"_s)->isVisible());

    const auto chartSeries = [&dialog] {
        return qobject_cast<QStackedBarSeries*>(
            dialog.findChild<QChartView*>(u"statusChart"_s)->chart()->series().value(0));
    };
    auto* series = chartSeries();
    QVERIFY(series);
    QCOMPARE(series->barSets().first()->count(), 24);
    int total = 0;
    for (QBarSet* set : series->barSets()) {
        for (int i = 0; i < set->count(); ++i) {
            total += int(set->at(i));
        }
    }
    QCOMPARE(total, 4);

    auto* table = dialog.findChild<QTableWidget*>(u"failureTable"_s);
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), u"131047"_s);
    QCOMPARE(table->item(0, 3)->text(), u"1"_s);
    QVERIFY(!table->item(0, 2)->text().isEmpty());

    dialog.findChild<QComboBox*>(u"period"_s)->setCurrentIndex(1);
    QCOMPARE(dialog.period(), DashboardDialog::Period::Week);
    QVERIFY(waitForFigures());
    series = chartSeries();
    QCOMPARE(series->barSets().first()->count(), 7);
    QCOMPARE(kpi(dialog, "kpiSent"), u"4"_s);

    // A week later the last 24 hours are empty, the week still holds them for a day.
    dialog.setNow(QDateTime::currentDateTime().addDays(6));
    QVERIFY(waitForFigures());
    QCOMPARE(kpi(dialog, "kpiSent"), u"4"_s);
    dialog.setPeriod(DashboardDialog::Period::Day);
    QVERIFY(waitForFigures());
    QCOMPARE(kpi(dialog, "kpiSent"), u"0"_s);
    QVERIFY(dialog.findChild<QLabel*>(u"dashboardEmpty"_s)->isVisible());

    if (const QString shots = qEnvironmentVariable("FLOWCHAT_SHOTS"); !shots.isEmpty()) {
        dialog.setNow(QDateTime());
        dialog.setPeriod(DashboardDialog::Period::Week);
        dialog.setPeriod(DashboardDialog::Period::Day);
        QVERIFY(waitForFigures());
        dialog.grab().save(shots + u"/dashboard.png"_s);
    }
}

void TestDashboard::emptyStoreSaysSo()
{
    StoreReader reader(m_path);
    DashboardDialog dialog(&reader);
    QSignalSpy loaded(&dialog, &DashboardDialog::loaded);
    dialog.show();
    dialog.reloadNow();
    QVERIFY(loaded.wait(5000));
    QVERIFY(dialog.findChild<QLabel*>(u"dashboardEmpty"_s)->isVisible());
    QCOMPARE(kpi(dialog, "kpiSent"), u"0"_s);
    QCOMPARE(kpi(dialog, "kpiDeliveryRate"), u"—"_s);
    QCOMPARE(kpi(dialog, "kpiMedianRead"), u"—"_s);
    QCOMPARE(dialog.findChild<QTableWidget*>(u"failureTable"_s)->rowCount(), 0);
}

namespace
{

// A small RFC 4180 reader, to prove what we write parses back to what we meant.
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                cell += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << cell;
            cell.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            row << cell;
            rows << row;
            row.clear();
            cell.clear();
            ++i;
        } else {
            cell += c;
        }
    }
    return rows;
}

} // namespace

void TestDashboard::csvQuotesGuardsAndRoundTrips()
{
    const InsertedMessage first =
        m_seed->inbound(u"+14155550100"_s, u"Ana, \"the\" buyer"_s, u"line one\nline, two"_s, 5000);
    m_seed->outgoing(u"+14155550100"_s, u"=HYPERLINK(\"http://evil\")"_s);
    sendThrough(u"wamid.f"_s, {MessageStatus::Failed}, 1000);

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    MessageReader reader(m_path);
    const Result<int> written = CsvExport::writeConversation(reader, first.conversationId, buffer);
    QVERIFY(written);
    QCOMPARE(*written, 3);
    QVERIFY(buffer.data().startsWith("\xEF\xBB\xBF"));
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(buffer.data().mid(3)));
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows.at(0).first(), u"created_at"_s);
    QCOMPARE(rows.at(1).at(1), u"in"_s);
    QCOMPARE(rows.at(1).at(3), u"Ana, \"the\" buyer"_s);
    QCOMPARE(rows.at(1).at(5), u"line one\nline, two"_s);
    // A formula is written as text a spreadsheet will not run.
    QCOMPARE(rows.at(2).at(5), u"'=HYPERLINK(\"http://evil\")"_s);
    QVERIFY(QDateTime::fromString(rows.at(1).at(0), Qt::ISODateWithMs).isValid());
    QVERIFY(rows.at(1).at(0).endsWith(u'Z'));

    QBuffer failures;
    failures.open(QIODevice::WriteOnly);
    QCOMPARE(*CsvExport::writeFailures(reader, 0, failures), 1);
    const QList<QStringList> failureRows = parseCsv(QString::fromUtf8(failures.data().mid(3)));
    QCOMPARE(failureRows.size(), 2);
    QCOMPARE(failureRows.at(1).at(8), u"131047"_s);
    QCOMPARE(failureRows.at(1).at(11), u"wamid.f"_s);
}

void TestDashboard::exportStreamsPagesOldestFirstOffTheCallersThread()
{
    // More than two of the exporter's 500-row pages, so the page boundaries are crossed.
    constexpr int kMessages = 1203;
    qint64 conversation = 0;
    for (int i = 0; i < kMessages; ++i) {
        conversation = m_seed->inbound(u"+14155550100"_s, u"Ana"_s, u"message %1"_s.arg(i), 1000).conversationId;
    }
    StoreReader reader(m_path);
    QWidget window;
    CsvExportAction action(&reader, &window);
    QSignalSpy finished(&action, &CsvExportAction::finished);
    QSignalSpy failed(&action, &CsvExportAction::failed);
    QSignalSpy cancelled(&action, &CsvExportAction::cancelled);
    const QString path = m_dir->filePath(u"ana.csv"_s);
    reader.setReadDelayForTesting(200); // so the file is certainly not there when the call returns
    CsvExportJob* job = action.startConversation(conversation, path);
    QVERIFY(action.isRunning());
    QVERIFY(!QFile::exists(path)); // written on the reader's thread, after this returns
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toInt(), kMessages);
    QCOMPARE(finished.first().at(1).toString(), path);
    QVERIFY(!action.isRunning());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(file.readAll().mid(3)));
    QCOMPARE(rows.size(), kMessages + 1);
    for (int i = 0; i < kMessages; ++i) {
        QCOMPARE(rows.at(i + 1).at(5), u"message %1"_s.arg(i));
    }
    QCOMPARE(job->total(), kMessages);
    QCOMPARE(job->written(), kMessages);

    // Cancel before the first page: no file, and it says cancelled, not failed.
    const QString cancelledPath = m_dir->filePath(u"cancelled.csv"_s);
    action.startConversation(conversation, cancelledPath)->cancel();
    QVERIFY(cancelled.wait(5000));
    QVERIFY(!QFile::exists(cancelledPath));
    QVERIFY(failed.isEmpty());
    reader.setReadDelayForTesting(0);

    // A folder that does not exist: the error names the file, and nothing is left behind.
    const QString nowhere = m_dir->filePath(u"missing/ana.csv"_s);
    action.startConversation(conversation, nowhere);
    QVERIFY(failed.wait(5000));
    QVERIFY2(failed.first().at(0).toString().contains(nowhere), qPrintable(failed.first().at(0).toString()));
    QVERIFY(!QFile::exists(nowhere));
    QCOMPARE(finished.size(), 1);
}

void TestDashboard::failuresExportOnePagePerQuery()
{
    // One more than the exporter's 500-row page: two pages, newest first, each row complete.
    constexpr int kFailures = 501;
    for (int i = 0; i < kFailures; ++i) {
        sendThrough(u"wamid.x%1"_s.arg(i), {MessageStatus::Failed}, 1000);
    }
    StoreReader reader(m_path);
    QWidget window;
    CsvExportAction action(&reader, &window);
    QSignalSpy finished(&action, &CsvExportAction::finished);
    const QString path = m_dir->filePath(u"failures.csv"_s);
    action.startFailures(0, path);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toInt(), kFailures);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(file.readAll().mid(3)));
    QCOMPARE(rows.size(), kFailures + 1);
    QCOMPARE(rows.at(1).at(11), u"wamid.x%1"_s.arg(kFailures - 1));
    QCOMPARE(rows.last().at(11), u"wamid.x0"_s);
    QCOMPARE(rows.at(kFailures).at(8), u"131047"_s);
}

QTEST_MAIN(TestDashboard)
#include "TestDashboard.moc"
