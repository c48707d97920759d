#pragma once

#include "app/store/StoreTypes.h"

#include <QDateTime>
#include <QDialog>

class CsvExportAction;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QTableWidget;
class QTimer;
class StoreReader;

// Delivery at a glance: outbound messages by status over the last 24 hours or 7 days, delivery
// and read rates, median times, and what failed and why.
class DashboardDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Period
    {
        Day,
        Week,
    };

    // Reads through `reader`, which must outlive the dialog.
    explicit DashboardDialog(StoreReader* reader, QWidget* parent = nullptr);
    ~DashboardDialog() override;

    void setPeriod(Period period);
    Period period() const;
    // The clock the periods end at; tests pin it.
    void setNow(const QDateTime& now);

signals:
    // The figures for the chosen period are shown.
    void loaded();

public slots:
    // Coalesced: at most one reload a second however many messages change.
    void refresh();
    void reloadNow();

private:
    QWidget* createTile(const QString& caption, const char* name);
    void showReport(const Result<DeliveryReport>& report, const DeliveryReportQuery& query);
    void showChart(const QList<StatusBucket>& rows, qint64 bucketMs);
    void showFailures(const QList<FailureReason>& reasons);
    void exportFailures();
    qint64 sinceMs() const;
    qint64 nowMs() const;

    StoreReader* m_reader;
    CsvExportAction* m_export;
    quint64 m_generation = 0; // answers to an older period or clock are dropped
    QComboBox* m_period = nullptr;
    QChartView* m_chartView = nullptr;
    QChart* m_chart = nullptr;
    QTableWidget* m_failures = nullptr;
    QLabel* m_empty = nullptr;
    QTimer* m_throttle = nullptr;
    QDateTime m_now;
    qint64 m_lastReload = 0;
};
