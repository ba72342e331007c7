def test_home_page_lists_desks_in_japanese(client, organization):
    response = client.get("/ja/")
    assert response.status_code == 200
    assert organization.name_ja in response.content.decode()
