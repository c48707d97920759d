#include "ui/dashboard/DashboardDialog.h"

#include "app/store/StoreReader.h"
#include "providers/ErrorCatalogue.h"
#include "ui/export/CsvExportAction.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedBarSeries>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

namespace
{

constexpr qint64 kHourMs = 60LL * 60 * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;

QString duration(qint64 ms)
{
    if (ms < 0) {
        return DashboardDialog::tr("—");
    }
    if (ms < 60 * 1000) {
        return DashboardDialog::tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 1));
    }
    if (ms < kHourMs) {
        return DashboardDialog::tr("%1 min").arg(QLocale().toString(ms / 60000.0, 'f', 1));
    }
    return DashboardDialog::tr("%1 h").arg(QLocale().toString(ms / double(kHourMs), 'f', 1));
}

QString percent(int part, int whole)
{
    return whole > 0 ? DashboardDialog::tr("%1%").arg(QLocale().toString(100.0 * part / whole, 'f', 1))
                     : DashboardDialog::tr("—");
}

// A table cell that shows text and sorts by the number in Qt::UserRole.
class NumberItem : public QTableWidgetItem
{
public:
    using QTableWidgetItem::QTableWidgetItem;
    bool operator<(const QTableWidgetItem& other) const override
    {
        return data(Qt::UserRole).toLongLong() < other.data(Qt::UserRole).toLongLong();
    }
};

} // namespace

DashboardDialog::DashboardDialog(StoreReader* reader, QWidget* parent)
    : QDialog(parent)
    , m_reader(reader)
    , m_export(new CsvExportAction(reader, this))
    , m_throttle(new QTimer(this))
{
    setObjectName(QStringLiteral("dashboard"));
    setWindowTitle(tr("Delivery dashboard"));
    setModal(false);
    resize(1000, 720);
    m_throttle->setSingleShot(true);
    connect(m_throttle, &QTimer::timeout, this, &DashboardDialog::reloadNow);

    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    auto* heading = new QLabel(tr("Outbound messages"), this);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    top->addWidget(heading);
    top->addStretch();
    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("period"));
    m_period->setAccessibleName(tr("Period"));
    m_period->addItem(tr("Last 24 hours"));
    m_period->addItem(tr("Last 7 days"));
    top->addWidget(m_period);
    layout->addLayout(top);

    auto* tiles = new QGridLayout;
    tiles->addWidget(createTile(tr("Sent"), "kpiSent"), 0, 0);
    tiles->addWidget(createTile(tr("Delivery rate"), "kpiDeliveryRate"), 0, 1);
    tiles->addWidget(createTile(tr("Read rate"), "kpiReadRate"), 0, 2);
    tiles->addWidget(createTile(tr("Median to delivered"), "kpiMedianDelivered"), 0, 3);
    tiles->addWidget(createTile(tr("Median to read"), "kpiMedianRead"), 0, 4);
    tiles->addWidget(createTile(tr("Failed"), "kpiFailed"), 0, 5);
    layout->addLayout(tiles);

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("dashboardEmpty"));
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setText(tr("No messages were sent in this period. Send one and it shows up here."));
    layout->addWidget(m_empty);

    m_chartView = new QChartView(this);
    m_chartView->setObjectName(QStringLiteral("statusChart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(280);
    layout->addWidget(m_chartView, 3);

    auto* failuresHeading = new QLabel(tr("Why messages failed"), this);
    failuresHeading->setFont(headingFont);
    layout->addWidget(failuresHeading);
    m_failures = new QTableWidget(0, 5, this);
    m_failures->setObjectName(QStringLiteral("failureTable"));
    m_failures->setAccessibleName(tr("Failure reasons"));
    m_failures->setHorizontalHeaderLabels(
        {tr("Code"), tr("Provider"), tr("What it means"), tr("Count"), tr("Last seen")});
    m_failures->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_failures->verticalHeader()->hide();
    m_failures->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_failures->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_failures->setSortingEnabled(true);
    layout->addWidget(m_failures, 2);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* exportButton = buttons->addButton(tr("Export failures…"), QDialogButtonBox::ActionRole);
    exportButton->setObjectName(QStringLiteral("exportFailures"));
    connect(exportButton, &QPushButton::clicked, this, &DashboardDialog::exportFailures);
    connect(m_export, &CsvExportAction::failed, this, [this](const QString& message) {
        QMessageBox::warning(this, tr("Export failures"), message);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    layout->addWidget(buttons);

    connect(m_period, &QComboBox::currentIndexChanged, this, &DashboardDialog::reloadNow);
    reloadNow();
}

DashboardDialog::~DashboardDialog() = default;

QWidget* DashboardDialog::createTile(const QString& caption, const char* name)
{
    auto* tile = new QFrame(this);
    tile->setFrameShape(QFrame::StyledPanel);
    auto* column = new QVBoxLayout(tile);
    auto* value = new QLabel(tr("—"), tile);
    value->setObjectName(QString::fromLatin1(name));
    value->setTextFormat(Qt::PlainText);
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.7);
    big.setBold(true);
    value->setFont(big);
    auto* label = new QLabel(caption, tile);
    label->setTextFormat(Qt::PlainText);
    QPalette muted = label->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    label->setPalette(muted);
    value->setAccessibleName(caption);
    column->addWidget(value);
    column->addWidget(label);
    return tile;
}

void DashboardDialog::setPeriod(Period period)
{
    m_period->setCurrentIndex(period == Period::Day ? 0 : 1);
}

DashboardDialog::Period DashboardDialog::period() const
{
    return m_period->currentIndex() == 0 ? Period::Day : Period::Week;
}

void DashboardDialog::setNow(const QDateTime& now)
{
    m_now = now;
    reloadNow();
}

qint64 DashboardDialog::nowMs() const
{
    return m_now.isValid() ? m_now.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
}

qint64 DashboardDialog::sinceMs() const
{
    return nowMs() - (period() == Period::Day ? kDayMs : 7 * kDayMs);
}

void DashboardDialog::refresh()
{
    const qint64 sinceLast = QDateTime::currentMSecsSinceEpoch() - m_lastReload;
    if (!m_throttle->isActive()) {
        m_throttle->start(static_cast<int>(std::clamp<qint64>(1000 - sinceLast, 0, 1000)));
    }
}

void DashboardDialog::reloadNow()
{
    m_throttle->stop();
    m_lastReload = QDateTime::currentMSecsSinceEpoch();
    DeliveryReportQuery query;
    query.sinceMs = sinceMs();
    if (period() == Period::Day) {
        // Whole hours, so the bars line up with the clock.
        query.chartStartMs = (nowMs() / kHourMs) * kHourMs - 23 * kHourMs;
        query.bucketMs = kHourMs;
        query.buckets = 24;
    } else {
        const QDateTime today(QDateTime::fromMSecsSinceEpoch(nowMs()).date().startOfDay());
        query.chartStartMs = today.addDays(-6).toMSecsSinceEpoch();
        query.bucketMs = kDayMs;
        query.buckets = 7;
    }
    const quint64 generation = ++m_generation;
    m_reader->deliveryReport(query, this, [this, generation, query](Result<DeliveryReport> report) {
        if (generation != m_generation) {
            return; // the period or the clock changed while this was read
        }
        showReport(report, query);
        emit loaded();
    });
}

void DashboardDialog::showReport(const Result<DeliveryReport>& report, const DeliveryReportQuery& query)
{
    const auto set = [this](const char* name, const QString& text) {
        findChild<QLabel*>(QString::fromLatin1(name))->setText(text);
    };
    if (!report) {
        m_empty->setText(tr("Could not read the message store: %1").arg(report.error().message));
        m_empty->show();
        return;
    }
    const DeliveryStats& stats = report->stats;
    const DeliveryTimes& times = report->times;
    // Rates count what left FlowChat: not what still waits in the outbox.
    const int attempted = stats.total - stats.pending - stats.sending;
    set("kpiSent", QLocale().toString(attempted));
    set("kpiDeliveryRate", percent(stats.delivered + stats.read, attempted));
    set("kpiReadRate", percent(stats.read, attempted));
    set("kpiMedianDelivered", duration(times.medianToDeliveredMs));
    set("kpiMedianRead", duration(times.medianToReadMs));
    set("kpiFailed", QLocale().toString(stats.failed));
    m_empty->setVisible(stats.total == 0);
    showChart(report->chart, query.bucketMs);
    showFailures(report->failures);
}

void DashboardDialog::showChart(const QList<StatusBucket>& rows, qint64 bucketMs)
{
    // A fresh chart each time: Qt Charts 6.4 leaves stale axes behind when they are swapped.
    QChart* previous = m_chartView->chart();
    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setBackgroundVisible(false);
    m_chartView->setChart(m_chart);
    delete previous;
    struct Layer
    {
        QString name;
        QColor colour;
        int (*count)(const DeliveryStats&);
    };
    // The tick colours: read blue, delivered green, failed red, waiting grey.
    const Layer layers[] = {
        {tr("Read"),
         QColor(0x34, 0xb7, 0xf1),
         [](const DeliveryStats& s) {
             return s.read;
         }},
        {tr("Delivered"),
         QColor(0x25, 0xb3, 0x6b),
         [](const DeliveryStats& s) {
             return s.delivered;
         }},
        {tr("Sent"),
         QColor(0x8f, 0xc9, 0xa9),
         [](const DeliveryStats& s) {
             return s.sent + s.queued;
         }},
        {tr("Waiting"),
         QColor(0xb0, 0xb6, 0xbb),
         [](const DeliveryStats& s) {
             return s.pending + s.sending;
         }},
        {tr("Unknown"),
         QColor(0xe0, 0x8a, 0x00),
         [](const DeliveryStats& s) {
             return s.unknown;
         }},
        {tr("Failed"),
         QColor(0xd9, 0x30, 0x25),
         [](const DeliveryStats& s) {
             return s.failed;
         }},
    };
    auto* series = new QStackedBarSeries;
    int highest = 0;
    for (const StatusBucket& bucket : rows) {
        highest = std::max(highest, bucket.counts.total);
    }
    for (const Layer& layer : layers) {
        auto* set = new QBarSet(layer.name);
        set->setColor(layer.colour);
        set->setBorderColor(layer.colour);
        for (const StatusBucket& bucket : rows) {
            *set << layer.count(bucket.counts);
        }
        series->append(set);
    }
    series->setBarWidth(0.8);
    m_chart->addSeries(series);

    QStringList labels;
    const bool hourly = bucketMs < kDayMs;
    for (int i = 0; i < rows.size(); ++i) {
        const QDateTime start = QDateTime::fromMSecsSinceEpoch(rows.at(i).startMs);
        // Every third hour keeps 24 labels readable; the axis needs distinct labels, hence the spaces.
        labels << (hourly ? (i % 3 == 0 ? QLocale().toString(start.time(), QStringLiteral("HH"))
                                        : QString(i, QLatin1Char(' ')))
                          : QLocale().toString(start.date(), QStringLiteral("ddd d")));
    }
    auto* categories = new QBarCategoryAxis;
    categories->append(labels);
    categories->setTitleText(hourly ? tr("Hour (local time)") : tr("Day"));
    categories->setTitleBrush(palette().color(QPalette::WindowText));
    auto* values = new QValueAxis;
    values->setRange(0, std::max(4, highest));
    values->setLabelFormat(QStringLiteral("%d"));
    values->applyNiceNumbers();
    const QColor text = palette().color(QPalette::WindowText);
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(categories), static_cast<QAbstractAxis*>(values)}) {
        axis->setLabelsColor(text);
        axis->setGridLineColor(palette().color(QPalette::Mid));
    }
    m_chart->addAxis(categories, Qt::AlignBottom);
    m_chart->addAxis(values, Qt::AlignLeft);
    series->attachAxis(categories);
    series->attachAxis(values);
    m_chart->legend()->setLabelColor(text);
}

void DashboardDialog::showFailures(const QList<FailureReason>& reasons)
{
    m_failures->setSortingEnabled(false);
    m_failures->setRowCount(0);
    for (const FailureReason& reason : reasons) {
        const int row = m_failures->rowCount();
        m_failures->insertRow(row);
        const std::optional<ErrorAdvice> advice = ErrorCatalogue::find(reason.provider, reason.errorCode);
        auto* code = new QTableWidgetItem(reason.errorCode.isEmpty() ? tr("(none)") : reason.errorCode);
        auto* meaning = new QTableWidgetItem(advice ? advice->title : reason.sampleMessage);
        meaning->setToolTip(advice ? advice->advice : reason.sampleMessage);
        auto* count = new NumberItem(QLocale().toString(reason.count));
        count->setData(Qt::UserRole, reason.count);
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto* seen =
            new NumberItem(QLocale().toString(QDateTime::fromMSecsSinceEpoch(reason.lastSeenMs), QLocale::ShortFormat));
        seen->setData(Qt::UserRole, reason.lastSeenMs);
        m_failures->setItem(row, 0, code);
        m_failures->setItem(row, 1, new QTableWidgetItem(reason.provider));
        m_failures->setItem(row, 2, meaning);
        m_failures->setItem(row, 3, count);
        m_failures->setItem(row, 4, seen);
    }
    m_failures->setSortingEnabled(true);
    m_failures->resizeColumnToContents(0);
    m_failures->resizeColumnToContents(1);
    m_failures->resizeColumnToContents(4);
}

void DashboardDialog::exportFailures()
{
    m_export->exportFailures(
        sinceMs(), QStringLiteral("flowchat-failures-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate)));
}
