#pragma once

#include "app/store/StoreTypes.h"

#include <QAbstractTableModel>

// The webhook log as a table, newest first: received, provider, verdict, reason. Replaced as a
// whole on each read (a few hundred rows), so a reload is one reset, not a row-by-row rebuild.
class WebhookLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        ReceivedColumn,
        ProviderColumn,
        VerdictColumn,
        ReasonColumn,
        ColumnCount
    };
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit WebhookLogModel(QObject* parent = nullptr);

    void setEntries(QList<WebhookLogEntry> entries);
    qint64 idAt(int row) const;
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString verdictText(WebhookLogEntry::Verdict verdict) const;

    // Only what the table shows: the detail pane reads its entry (headers, body) again.
    struct Row
    {
        qint64 id = 0;
        QString received;
        QString provider;
        WebhookLogEntry::Verdict verdict = WebhookLogEntry::Verdict::Accepted;
        QString reason;
    };
    QList<Row> m_rows;
};
