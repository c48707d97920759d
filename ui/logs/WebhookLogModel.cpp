#include "ui/logs/WebhookLogModel.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>

WebhookLogModel::WebhookLogModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void WebhookLogModel::setEntries(QList<WebhookLogEntry> entries)
{
    QList<Row> rows;
    rows.reserve(entries.size());
    const QLocale locale;
    for (const WebhookLogEntry& entry : entries) {
        rows << Row{entry.id,
                    locale.toString(QDateTime::fromMSecsSinceEpoch(entry.receivedAt), QLocale::ShortFormat),
                    entry.provider,
                    entry.verdict,
                    entry.reason};
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

qint64 WebhookLogModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int WebhookLogModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id) {
            return row;
        }
    }
    return -1;
}

int WebhookLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WebhookLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WebhookLogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size()) {
        return {};
    }
    const Row& row = m_rows.at(index.row());
    if (role == IdRole) {
        return row.id;
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case ReceivedColumn:
            return row.received;
        case ProviderColumn:
            return row.provider;
        case VerdictColumn:
            return verdictText(row.verdict);
        case ReasonColumn:
            return row.reason;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == ReasonColumn) {
        return row.reason;
    }
    if (role == Qt::ForegroundRole && index.column() == VerdictColumn) {
        switch (row.verdict) {
        case WebhookLogEntry::Verdict::Accepted:
            return QColor(0x2e, 0xb8, 0x5c);
        case WebhookLogEntry::Verdict::Refused:
            return QColor(0xd9, 0x30, 0x25);
        case WebhookLogEntry::Verdict::Invalid:
            return QColor(0xd0, 0x7a, 0x00);
        }
    }
    return {};
}

QVariant WebhookLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case ReceivedColumn:
        return tr("Received");
    case ProviderColumn:
        return tr("Provider");
    case VerdictColumn:
        return tr("Verdict");
    case ReasonColumn:
        return tr("Reason");
    default:
        return {};
    }
}

QString WebhookLogModel::verdictText(WebhookLogEntry::Verdict verdict) const
{
    switch (verdict) {
    case WebhookLogEntry::Verdict::Accepted:
        return tr("accepted");
    case WebhookLogEntry::Verdict::Refused:
        return tr("refused");
    case WebhookLogEntry::Verdict::Invalid:
        return tr("invalid");
    }
    return {};
}
