#pragma once

#include "providers/ProviderTraffic.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QWidget>

class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

// The provider's recent exchanges as rows, newest first: time, method, path, status, duration.
class ProviderExchangeModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        MethodColumn,
        UrlColumn,
        StatusColumn,
        DurationColumn,
        ColumnCount,
    };
    static constexpr int SearchRole = Qt::UserRole + 1; // everything in the exchange, for the filter

    using QAbstractTableModel::QAbstractTableModel;

    void setTraffic(ProviderTraffic* traffic);
    const ProviderExchange& exchangeAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void add(const ProviderExchange& exchange);

    QPointer<ProviderTraffic> m_traffic;
    QList<ProviderExchange> m_rows; // newest first
};

// View > Logs > Provider requests: what FlowChat asked the provider and what it answered, with
// tokens masked, so "why did Meta refuse this?" is answered by the provider's own words.
class RequestInspector : public QWidget
{
    Q_OBJECT
public:
    explicit RequestInspector(QWidget* parent = nullptr);

    void setTraffic(ProviderTraffic* traffic);
    QTableView* table() const;
    QPlainTextEdit* detail() const;
    ProviderExchangeModel* model() const;

    // The request and the response as text (what the detail pane shows).
    static QString describe(const ProviderExchange& exchange);

private:
    void showSelected();

    QPointer<ProviderTraffic> m_traffic;
    ProviderExchangeModel* m_model;
    QSortFilterProxyModel* m_filter;
    QLineEdit* m_search;
    QTableView* m_table;
    QPlainTextEdit* m_detail;
};
