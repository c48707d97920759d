#pragma once

#include <QDateTime>
#include <QDialog>

#include <memory>

class MessageReader;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QTableWidget;
class QTimer;

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

    DashboardDialog(const QString& databasePath, QWidget* parent = nullptr);
    ~DashboardDialog() override;

    void setPeriod(Period period);
    Period period() const;
    // The clock the periods end at; tests pin it.
    void setNow(const QDateTime& now);

public slots:
    // Coalesced: at most one reload a second however many messages change.
    void refresh();
    void reloadNow();

private:
    QWidget* createTile(const QString& caption, const char* name);
    void reloadChart(qint64 sinceMs, qint64 bucketMs, int buckets);
    void reloadFailures(qint64 sinceMs);
    void exportFailures();
    qint64 sinceMs() const;
    qint64 nowMs() const;

    QString m_databasePath;
    std::unique_ptr<MessageReader> m_reader;
    QComboBox* m_period = nullptr;
    QChartView* m_chartView = nullptr;
    QChart* m_chart = nullptr;
    QTableWidget* m_failures = nullptr;
    QLabel* m_empty = nullptr;
    QTimer* m_throttle = nullptr;
    QDateTime m_now;
    qint64 m_lastReload = 0;
};
