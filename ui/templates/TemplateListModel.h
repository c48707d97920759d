#pragma once

#include "app/store/StoreTypes.h"

#include <QAbstractListModel>
#include <QSortFilterProxyModel>

// The synced templates, one row each, for the template bench.
class TemplateListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        NameRole = Qt::UserRole + 1,
        LanguageRole,
        CategoryRole,
        StatusRole, // lower case, as the provider reports it ("approved", "pending", ...)
        BodyRole,
    };

    explicit TemplateListModel(QObject* parent = nullptr);

    void setTemplates(const QList<StoredTemplate>& templates);
    const Template& templateAt(int row) const;
    // The row of name + language, or -1.
    int rowOf(const QString& name, const QString& language) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QList<Template> m_templates;
};

// Search (name and body text) and the status, category and language filters.
class TemplateFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit TemplateFilterModel(QObject* parent = nullptr);

    void setSearch(const QString& text);
    // Empty: any.
    void setStatus(const QString& status);
    void setCategory(const QString& category);
    void setLanguage(const QString& language);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_search;
    QString m_status;
    QString m_category;
    QString m_language;
};
