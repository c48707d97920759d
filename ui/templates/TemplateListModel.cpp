#include "ui/templates/TemplateListModel.h"

TemplateListModel::TemplateListModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

void TemplateListModel::setTemplates(const QList<StoredTemplate>& templates)
{
    beginResetModel();
    m_templates.clear();
    for (const StoredTemplate& stored : templates) {
        m_templates << stored.value;
    }
    std::sort(m_templates.begin(), m_templates.end(), [](const Template& a, const Template& b) {
        return a.name == b.name ? a.language < b.language : a.name < b.name;
    });
    endResetModel();
}

const Template& TemplateListModel::templateAt(int row) const
{
    return m_templates.at(row);
}

int TemplateListModel::rowOf(const QString& name, const QString& language) const
{
    for (int row = 0; row < m_templates.size(); ++row) {
        if (m_templates.at(row).name == name && m_templates.at(row).language == language) {
            return row;
        }
    }
    return -1;
}

int TemplateListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_templates.size());
}

QVariant TemplateListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_templates.size()) {
        return {};
    }
    const Template& tmpl = m_templates.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        // Only the exceptions are spelled out: most templates in a list are approved.
        return tmpl.approvalStatus.compare(QLatin1String("approved"), Qt::CaseInsensitive) == 0
                   ? tr("%1 (%2)").arg(tmpl.name, tmpl.language)
                   : tr("%1 (%2) — %3").arg(tmpl.name, tmpl.language, tmpl.approvalStatus.toLower());
    case Qt::ToolTipRole:
        return tmpl.bodyText;
    case NameRole:
        return tmpl.name;
    case LanguageRole:
        return tmpl.language;
    case CategoryRole:
        return tmpl.category;
    case StatusRole:
        return tmpl.approvalStatus.toLower();
    case BodyRole:
        return tmpl.bodyText;
    default:
        return {};
    }
}

TemplateFilterModel::TemplateFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
}

void TemplateFilterModel::setSearch(const QString& text)
{
    m_search = text.trimmed();
    invalidateFilter();
}

void TemplateFilterModel::setStatus(const QString& status)
{
    m_status = status.toLower();
    invalidateFilter();
}

void TemplateFilterModel::setCategory(const QString& category)
{
    m_category = category;
    invalidateFilter();
}

void TemplateFilterModel::setLanguage(const QString& language)
{
    m_language = language;
    invalidateFilter();
}

bool TemplateFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto value = [&index](int role) {
        return index.data(role).toString();
    };
    if (!m_status.isEmpty() && value(TemplateListModel::StatusRole) != m_status) {
        return false;
    }
    if (!m_category.isEmpty() && value(TemplateListModel::CategoryRole).compare(m_category, Qt::CaseInsensitive) != 0) {
        return false;
    }
    if (!m_language.isEmpty() && value(TemplateListModel::LanguageRole) != m_language) {
        return false;
    }
    if (!m_search.isEmpty()) {
        return value(TemplateListModel::NameRole).contains(m_search, Qt::CaseInsensitive)
               || value(TemplateListModel::BodyRole).contains(m_search, Qt::CaseInsensitive);
    }
    return true;
}
